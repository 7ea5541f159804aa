using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>What the integrity tests check again and again: read tables unchanged, reports clean but for one thing, repairs.</summary>
internal static class IntegrityAssertions
{
    /// <summary>Every read table as text (<see cref="Sql.TableSnapshotAsync"/>), by table name.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadTablesSnapshotAsync(this MartenDatabase db)
    {
        var snapshots = new Dictionary<string, string>();
        foreach (var table in ReadTableCatalog.TableNames)
        {
            snapshots[table] = await Sql.TableSnapshotAsync(db.ConnectionString, table);
        }

        return snapshots;
    }

    /// <summary>Every read table is, row for row and column for column, as in <paramref name="expected"/>.</summary>
    public static async Task ShouldHaveReadTablesAsync(this MartenDatabase db, IReadOnlyDictionary<string, string> expected)
    {
        var actual = await db.ReadTablesSnapshotAsync();
        actual.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (table, snapshot) in expected)
        {
            actual[table].ShouldBe(snapshot, $"read table {table}");
        }
    }

    public static Task<RepairReport> RepairAsync(this MartenDatabase db, RepairOptions options, TimeProvider? clock = null) =>
        IntegrityRepair.RunAsync(db.Store, options, clock ?? db.Clock, cancellation: TestContext.Current.CancellationToken);

    public static Task<long> EventCountAsync(this MartenDatabase db) => Sql.EventCountAsync(db.ConnectionString);

    /// <summary>Scratch schemas the check left behind (it drops its own unless told to keep it).</summary>
    public static Task<long> ScratchSchemaCountAsync(this MartenDatabase db) =>
        Sql.ScalarAsync(db.ConnectionString, "select count(*) from information_schema.schemata where schema_name like 'es_integrity_%'");

    /// <summary>Every table matches its replay (same row count, no drift), no unapplied event, no domain finding.</summary>
    public static void ShouldBeClean(this IntegrityReport report)
    {
        report.ShouldSatisfyAllConditions(
            () => report.Tables.Select(t => t.Table).ShouldBe(ReadTableCatalog.TableNames),
            () => report.Tables.Where(t => !t.IsClean).Select(t => t.Table).ShouldBeEmpty(),
            () => report.Tables.Where(t => t.ExpectedRows != t.ActualRows).Select(t => t.Table).ShouldBeEmpty(),
            () => report.UnappliedEvents.ShouldBeEmpty(),
            () => report.UnappliedEventCount.ShouldBe(0),
            () => report.DomainFindings.ShouldBeEmpty(),
            () => report.FindingCount.ShouldBe(0),
            () => report.IsClean.ShouldBeTrue());
    }

    /// <summary>The report's only finding is <paramref name="count"/> of <paramref name="kind"/>: every other kind counts zero.</summary>
    public static void ShouldOnlyCount(this IntegrityReport report, string kind, long count = 1) =>
        report.CountsByKind.Where(k => k.Value != 0).ToDictionary().ShouldBe(new Dictionary<string, long> { [kind] = count });

    /// <summary>Every table but <paramref name="table"/> matches its replay exactly.</summary>
    public static void OtherTablesShouldBeClean(this IntegrityReport report, string table) =>
        report.Tables.Where(t => t.Table != table && (!t.IsClean || t.ExpectedRows != t.ActualRows)).Select(t => t.Table).ShouldBeEmpty();

    public static TableReport Table(this IntegrityReport report, string table) => report.Tables.Single(t => t.Table == table);

    /// <summary>The finding of <paramref name="kind"/> on <paramref name="streamId"/>; it must be there exactly once.</summary>
    public static DomainFinding Finding(this IntegrityReport report, string kind, Guid streamId) =>
        report.DomainFindings.Where(f => f.Kind == kind && f.StreamId == streamId).ShouldHaveSingleItem($"{kind} on {streamId}");
}
