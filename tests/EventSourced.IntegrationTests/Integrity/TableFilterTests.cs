using EventSourced.Domain.Repairs;
using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// <see cref="IntegrityCheckOptions.Tables"/> (the command's <c>--table</c>): only the named tables are compared, in catalog
/// order, and only the domain findings whose tables were all replayed are computed; a repair so limited re-projects only those
/// tables; an unknown name is refused with the list of known ones, before anything is created.
/// </summary>
public sealed class TableFilterTests(PopulatedStore store) : IClassFixture<PopulatedStore>
{
    private MartenDatabase Db => store.Db;

    [Fact]
    public async Task Only_the_named_tables_are_compared_and_only_their_findings_computed()
    {
        var (order, program) = await CorruptOrderAndProgramAsync();
        var corrupted = await Db.ReadTablesSnapshotAsync();

        // A month later, the store's pending approval is stale: a finding on campaign_approvals alone.
        var all = await CheckAsync(null);
        all.Table("orders").Mismatches.ShouldBe([new ColumnMismatch(order, "amount", "25000.50", "1")]);
        all.Table("programs").Mismatches.ShouldHaveSingleItem().Id.ShouldBe(program);
        all.DomainFindings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKinds.StaleApproval);

        var orders = await CheckAsync(["orders"]);

        orders.Tables.ShouldHaveSingleItem().Mismatches.ShouldBe(all.Table("orders").Mismatches);
        orders.DomainFindings.ShouldBeEmpty();
        orders.ShouldOnlyCount(FindingKinds.ColumnMismatch);
        orders.EventsReplayed.ShouldBe(all.EventsReplayed);

        var three = await CheckAsync(["program_enrollments", "orders", "campaign_approvals"]);

        three.Tables.Select(t => t.Table).ShouldBe(["campaign_approvals", "orders", "program_enrollments"]); // catalog order
        three.Table("orders").MismatchCount.ShouldBe(1);
        three.Table("campaign_approvals").IsClean.ShouldBeTrue();
        three.Table("program_enrollments").IsClean.ShouldBeTrue();
        three.DomainFindings.ShouldBe(all.DomainFindings);

        (await CheckAsync([])).Tables.Select(t => t.Table).ShouldBe(ReadTableCatalog.TableNames);
        await Db.ShouldHaveReadTablesAsync(corrupted);
    }

    [Fact]
    public async Task A_repair_limited_to_a_table_re_projects_only_that_table()
    {
        var (order, program) = await CorruptOrderAndProgramAsync();

        var repair = await Db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Check = new IntegrityCheckOptions { Tables = ["orders"] } });

        repair.Reprojected.ShouldBe([new ReprojectedRow("orders", order, "re-projected")]);
        repair.After.ShouldNotBeNull().Tables.ShouldHaveSingleItem().IsClean.ShouldBeTrue();
        var report = await Db.CheckAsync();
        report.Table("orders").IsClean.ShouldBeTrue();
        report.Table("programs").Mismatches.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.Id.ShouldBe(program), m => m.Column.ShouldBe("name"), m => m.Actual.ShouldBe("hand-edited"));
        report.ShouldOnlyCount(FindingKinds.ColumnMismatch);
    }

    [Theory]
    [InlineData("no_such_table")]
    [InlineData("order")]
    [InlineData("public.orders")]
    public async Task An_unknown_table_is_refused_with_the_known_tables(string unknown)
    {
        await store.ResetAsync();
        var events = await Db.EventCountAsync();
        var known = string.Join(", ", ReadTableCatalog.TableNames);

        var check = await Should.ThrowAsync<ArgumentException>(() => Db.CheckAsync(new IntegrityCheckOptions { Tables = ["orders", unknown] }));
        var repair = await Should.ThrowAsync<ArgumentException>(() =>
            Db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Check = new IntegrityCheckOptions { Tables = [unknown] } }));

        foreach (var refused in new[] { check, repair })
        {
            refused.Message.ShouldContain($"Unknown read table(s): {unknown}.");
            refused.Message.ShouldContain($"Known tables: {known}.");
        }

        (await Db.ScratchSchemaCountAsync()).ShouldBe(0);
        (await Db.EventCountAsync()).ShouldBe(events);
        await Db.ShouldHaveReadTablesAsync(store.Baseline);
    }

    private async Task<(Guid Order, Guid Program)> CorruptOrderAndProgramAsync()
    {
        await store.ResetAsync();
        var order = (Guid)(await Sql.QueryAsync(Db.ConnectionString, "select id from orders")).ShouldHaveSingleItem()["id"]!;
        var program = (Guid)(await Sql.QueryAsync(Db.ConnectionString, "select id from programs order by id limit 1")).Single()["id"]!;
        await Sql.ExecuteAsync(Db.ConnectionString, $"update orders set amount = 1 where id = '{order}'; update programs set name = 'hand-edited' where id = '{program}'");
        return (order, program);
    }

    private Task<IntegrityReport> CheckAsync(IReadOnlyCollection<string>? tables) =>
        IntegrityCheck.RunAsync(Db.Store, new IntegrityCheckOptions { Tables = tables }, new FixedClock(Db.Clock.Now.AddDays(30)),
            cancellation: TestContext.Current.CancellationToken);
}
