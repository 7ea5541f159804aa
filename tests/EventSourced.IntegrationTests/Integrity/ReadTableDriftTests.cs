using EventSourced.Domain.Repairs;
using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// Every read table corrupted by hand, the ways the issue lists: a column changed (for <c>program_enrollments</c>, the
/// runbook's dual-write mismatch on <c>program_type</c>), a row deleted, an orphan row inserted (no stream behind it), a status
/// flipped. For each: the check reports exactly that (table, id, column, expected, actual, counts) and nothing anywhere else,
/// and writes nothing; the targeted repair restores the table row for row without appending an event; the next check is
/// clean; and a second repair re-projects nothing and appends nothing.
/// </summary>
public sealed class ReadTableDriftTests(PopulatedStore store) : IClassFixture<PopulatedStore>
{
    public const string ColumnChanged = "column changed";
    public const string StatusFlipped = "status flipped";
    public const string RowDeleted = "row deleted";
    public const string OrphanInserted = "orphan row inserted";

    /// <summary>Per table: the column to hand-edit and its new value (SQL), the status flip (none for tables without a status),
    /// and what an orphan copy of a row must change to get past the table's unique indexes.</summary>
    private sealed record TableCorruptions(string Column, string Value, (string From, string To)? Status, string OrphanOverrides);

    private static readonly Dictionary<string, TableCorruptions> Corruptions = new()
    {
        ["program_templates"] = new("name", "'Hand-edited name'", ("active", "archived"), """{"template_key": "orphan-template"}"""),
        ["beneficiary_groups"] = new("region", "null", null, "{}"),
        ["programs"] = new("config", """'{"session": {"defaultDurationMinutes": 15}}'""", ("active", "paused"), """{"program_key": "orphan-program"}"""),
        ["program_campaigns"] = new("budget_amount", "1.00", ("draft", "won"), "{}"),
        ["campaign_approvals"] = new("reviewer_id", "'someone-else'", ("pending", "approved"), "{}"),
        ["inventory_reservations"] = new("seats", "1", ("reserved", "released"), "{}"),
        ["orders"] = new("amount", "0", null, """{"approval_id": "0e7d5a8c-0000-4000-8000-00000000dead"}"""),
        ["program_enrollments"] = new("program_type", "'hand-edited'", ("active", "withdrawn"), """{"user_id": "orphan-user"}"""),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var (table, corruptions) in Corruptions)
            {
                cases.Add(table, ColumnChanged);
                if (corruptions.Status is not null)
                {
                    cases.Add(table, StatusFlipped);
                }

                cases.Add(table, RowDeleted);
                cases.Add(table, OrphanInserted);
            }

            return cases;
        }
    }

    private MartenDatabase Db => store.Db;

    private string ConnectionString => store.Db.ConnectionString;

    [Fact]
    public void Every_read_table_is_corrupted_by_the_matrix() => Corruptions.Keys.ShouldBe(ReadTableCatalog.TableNames, ignoreOrder: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hand_made_drift_is_reported_exactly_and_repaired_by_re_projection(string table, string corruption)
    {
        await store.ResetAsync();
        var rows = await Sql.ScalarAsync(ConnectionString, $"select count(*) from {table}");
        var events = await Db.EventCountAsync();
        var (id, mismatch) = await CorruptAsync(table, corruption);
        var corrupted = await Db.ReadTablesSnapshotAsync();

        var report = await Db.CheckAsync();

        // The check alone changes nothing: no read table, no event, and its scratch schema is gone.
        await Db.ShouldHaveReadTablesAsync(corrupted);
        (await Db.EventCountAsync()).ShouldBe(events);
        (await Db.ScratchSchemaCountAsync()).ShouldBe(0);

        var drift = report.Table(table);
        drift.ExpectedRows.ShouldBe(rows);
        switch (corruption)
        {
            case ColumnChanged or StatusFlipped:
                drift.ShouldSatisfyAllConditions(
                    () => drift.Mismatches.ShouldBe([mismatch!]),
                    () => drift.MismatchCount.ShouldBe(1),
                    () => drift.Missing.ShouldBeEmpty(),
                    () => drift.Extra.ShouldBeEmpty(),
                    () => drift.ActualRows.ShouldBe(rows));
                report.ShouldOnlyCount(FindingKinds.ColumnMismatch);
                break;
            case RowDeleted:
                drift.ShouldSatisfyAllConditions(
                    () => drift.Missing.ShouldBe([id]),
                    () => drift.MissingCount.ShouldBe(1),
                    () => drift.Extra.ShouldBeEmpty(),
                    () => drift.Mismatches.ShouldBeEmpty(),
                    () => drift.ActualRows.ShouldBe(rows - 1));
                report.ShouldOnlyCount(FindingKinds.MissingRow);
                break;
            case OrphanInserted:
                drift.ShouldSatisfyAllConditions(
                    () => drift.Extra.ShouldBe([id]),
                    () => drift.ExtraCount.ShouldBe(1),
                    () => drift.Missing.ShouldBeEmpty(),
                    () => drift.Mismatches.ShouldBeEmpty(),
                    () => drift.ActualRows.ShouldBe(rows + 1));
                report.ShouldOnlyCount(FindingKinds.ExtraRow);
                break;
        }

        report.OtherTablesShouldBeClean(table);
        report.UnappliedEvents.ShouldBeEmpty();
        report.DomainFindings.ShouldBeEmpty();

        var repair = await Db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Reason = $"{corruption} in {table}" });

        repair.Reprojected.ShouldBe([new ReprojectedRow(table, id, corruption == OrphanInserted ? "deleted" : "re-projected")]);
        repair.Compensations.ShouldBeEmpty();
        repair.After.ShouldNotBeNull().ShouldBeClean();
        (await Db.EventCountAsync()).ShouldBe(events);
        await Db.ShouldHaveReadTablesAsync(store.Baseline);

        var again = await Db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Reason = $"{corruption} in {table}, again" });

        again.Before.ShouldBeClean();
        again.Reprojected.ShouldBeEmpty();
        again.Compensations.ShouldBeEmpty();
        again.After.ShouldNotBeNull().ShouldBeClean();
        (await Db.EventCountAsync()).ShouldBe(events);
        await Db.ShouldHaveReadTablesAsync(store.Baseline);
    }

    [Fact]
    public async Task Details_are_capped_but_counts_are_exact_and_the_repair_fixes_every_drifted_row()
    {
        await store.ResetAsync();
        await Sql.ExecuteAsync(ConnectionString, "update program_enrollments set program_type = 'hand-edited', status = 'withdrawn'");
        await Sql.ExecuteAsync(ConnectionString, "delete from program_campaigns");
        var enrollments = await Sql.ScalarAsync(ConnectionString, "select count(*) from program_enrollments");
        var campaigns = await Sql.ScalarAsync(ConnectionString, "select count(*) from integrity_baseline.program_campaigns");

        var report = await Db.CheckAsync(new IntegrityCheckOptions { MaxDetailsPerKind = 1 });

        var drifted = report.Table("program_enrollments");
        drifted.MismatchCount.ShouldBe(2 * enrollments);
        drifted.Mismatches.ShouldHaveSingleItem().Column.ShouldBe("program_type"); // ordered by id, then column
        var missing = report.Table("program_campaigns");
        missing.MissingCount.ShouldBe(campaigns);
        missing.Missing.Count.ShouldBe(1);
        report.CountsByKind[FindingKinds.ColumnMismatch].ShouldBe(2 * enrollments);
        report.CountsByKind[FindingKinds.MissingRow].ShouldBe(campaigns);

        var repair = await Db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Check = new IntegrityCheckOptions { MaxDetailsPerKind = 1 } });

        repair.Reprojected.Count.ShouldBe((int)(enrollments + campaigns));
        repair.After.ShouldNotBeNull().ShouldBeClean();
        await Db.ShouldHaveReadTablesAsync(store.Baseline);
    }

    [Fact]
    public async Task A_dry_run_lists_the_rows_it_would_re_project_and_changes_nothing()
    {
        await store.ResetAsync();
        var order = (Guid)(await Sql.QueryAsync(ConnectionString, "select id from orders")).ShouldHaveSingleItem()["id"]!;
        var enrollment = (Guid)(await Sql.QueryAsync(ConnectionString, "select id from program_enrollments order by id limit 1")).First()["id"]!;
        await Sql.ExecuteAsync(ConnectionString, $"delete from orders; update program_enrollments set program_type = 'hand-edited' where id = '{enrollment}'");
        var corrupted = await Db.ReadTablesSnapshotAsync();
        var events = await Db.EventCountAsync();

        var dryRun = await Db.RepairAsync(new RepairOptions { DryRun = true });

        dryRun.Reprojected.ShouldBe(
            [new ReprojectedRow("orders", order, "would re-project"), new ReprojectedRow("program_enrollments", enrollment, "would re-project")],
            ignoreOrder: true);
        dryRun.After.ShouldBeNull();
        await Db.ShouldHaveReadTablesAsync(corrupted);
        (await Db.EventCountAsync()).ShouldBe(events);
    }

    /// <summary>An orphan row whose id happens to be a stream that writes no row to that table: no stream produces it, so it is
    /// deleted (and reported so), like any other orphan.</summary>
    [Fact]
    public async Task An_orphan_row_with_the_id_of_another_kind_of_stream_is_deleted()
    {
        await store.ResetAsync();
        var program = (Guid)(await Sql.QueryAsync(ConnectionString, "select id from programs order by id limit 1")).First()["id"]!;
        await Sql.ExecuteAsync(ConnectionString,
            "insert into orders select (jsonb_populate_record(null::orders, to_jsonb(o) || " +
            $$"""'{"id": "{{program}}", "approval_id": "0e7d5a8c-0000-4000-8000-00000000beef"}'::jsonb)).* from orders o""");

        var report = await Db.CheckAsync();
        report.Table("orders").Extra.ShouldBe([program]);
        report.ShouldOnlyCount(FindingKinds.ExtraRow);

        var repair = await Db.RepairAsync(new RepairOptions { OperatorId = "ops-1" });

        repair.After.ShouldNotBeNull().ShouldBeClean();
        await Db.ShouldHaveReadTablesAsync(store.Baseline);
        repair.Reprojected.ShouldBe([new ReprojectedRow("orders", program, "deleted")]);
    }

    private async Task<(Guid Id, ColumnMismatch? Mismatch)> CorruptAsync(string table, string corruption)
    {
        var corruptions = Corruptions[table];
        var filter = corruption == StatusFlipped ? $"where status = '{corruptions.Status!.Value.From}'" : string.Empty;
        var id = (Guid)(await Sql.QueryAsync(ConnectionString, $"select id from {table} {filter} order by id limit 1")).ShouldHaveSingleItem()["id"]!;
        switch (corruption)
        {
            case ColumnChanged:
                return (id, await EditAsync(table, id, corruptions.Column, corruptions.Value));
            case StatusFlipped:
                return (id, await EditAsync(table, id, "status", $"'{corruptions.Status!.Value.To}'"));
            case RowDeleted:
                await Sql.ExecuteAsync(ConnectionString, $"delete from {table} where id = '{id}'");
                return (id, null);
            case OrphanInserted:
                var orphan = Guid.NewGuid();
                await Sql.ExecuteAsync(ConnectionString,
                    $"insert into {table} select (jsonb_populate_record(null::{table}, " +
                    $$"""to_jsonb(t) || '{"id": "{{orphan}}"}'::jsonb || '{{corruptions.OrphanOverrides}}'::jsonb)).* """ +
                    $"from {table} t where t.id = '{id}'");
                (await Sql.ScalarAsync(ConnectionString, $"select count(*) from mt_streams where id = '{orphan}'")).ShouldBe(0);
                return (orphan, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
    }

    /// <summary>Sets one column of one row and returns the mismatch the check should report (values as PostgreSQL text).</summary>
    private async Task<ColumnMismatch> EditAsync(string table, Guid id, string column, string value)
    {
        var before = await ColumnTextAsync(table, id, column);
        await Sql.ExecuteAsync(ConnectionString, $"update {table} set {column} = {value} where id = '{id}'");
        var after = await ColumnTextAsync(table, id, column);
        after.ShouldNotBe(before);
        return new ColumnMismatch(id, column, before, after);
    }

    private async Task<string?> ColumnTextAsync(string table, Guid id, string column) =>
        (string?)(await Sql.QueryAsync(ConnectionString, $"select {column}::text as value from {table} where id = '{id}'")).Single()["value"];
}
