using System.Diagnostics;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// The inline projections and a daemon rebuild are the same function of the streams: on a few thousand streams covering
/// every read table, rebuilding each table from scratch reproduces, row for row, what the inline projections wrote.
/// </summary>
public sealed class RebuildEqualityTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Rebuilding_every_read_table_reproduces_the_inline_tables_row_for_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var watch = Stopwatch.StartNew();
        var bulk = await PopulateAsync();
        var populated = watch.Elapsed;

        var expectedRows = new Dictionary<string, long>
        {
            ["program_templates"] = 24 + 8 + 4 + 3, // v1 of each key, v2 of every third, drafts, archived
            ["beneficiary_groups"] = 40,
            ["programs"] = 150,
            ["program_campaigns"] = 600,
            ["campaign_approvals"] = 450,
            ["inventory_reservations"] = 450,
            ["orders"] = 200,
            ["program_enrollments"] = 1100,
        };
        expectedRows.Keys.ShouldBe(ReadTableCatalog.TableNames, ignoreOrder: true);
        bulk.StreamCount.ShouldBe((int)expectedRows.Values.Sum());

        var before = new Dictionary<string, string>();
        foreach (var table in ReadTableCatalog.TableNames)
        {
            (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from {table}")).ShouldBe(expectedRows[table], table);
            before[table] = await Sql.TableSnapshotAsync(db.ConnectionString, table);
        }

        expectedRows.Values.Sum().ShouldBeGreaterThan(3000);

        // Empty the tables first, so every row compared below was written by the rebuild.
        await Sql.ExecuteAsync(db.ConnectionString, $"truncate {string.Join(", ", ReadTableCatalog.TableNames)}");
        watch.Restart();
        using (var daemon = await db.Store.BuildProjectionDaemonAsync())
        {
            foreach (var table in ReadTableCatalog.TableNames)
            {
                await daemon.RebuildProjectionAsync(table, ct);
            }
        }

        var rebuilt = watch.Elapsed;
        foreach (var table in ReadTableCatalog.TableNames)
        {
            (await Sql.TableSnapshotAsync(db.ConnectionString, table)).ShouldBe(before[table], $"{table} after the rebuild");
        }

        watch.Restart();
        var report = await IntegrityCheck.RunAsync(db.Store, new IntegrityCheckOptions(), db.Clock, cancellation: ct);
        var checkedIn = watch.Elapsed;

        report.Tables.Where(t => !t.IsClean).ShouldBeEmpty();
        report.Tables.ShouldAllBe(t => t.ExpectedRows == expectedRows[t.Table] && t.ActualRows == expectedRows[t.Table]);
        report.UnappliedEventCount.ShouldBe(0);
        report.DomainFindings.ShouldBeEmpty();
        report.IsClean.ShouldBeTrue();
        report.EventsReplayed.ShouldBe(bulk.EventCount);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{bulk.StreamCount} streams, {bulk.EventCount} events: populated in {populated.TotalSeconds:F1} s, " +
            $"8 tables rebuilt in {rebuilt.TotalSeconds:F1} s, checked in {checkedIn.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Templates (published, versioned and deprecated, draft, archived), groups, programs (some migrated, some paused),
    /// 600 campaigns (edited, probability moved, 450 crossing 90 %: 200 approved with orders, 150 rejected, 100 pending)
    /// and 1100 enrollments.
    /// </summary>
    private async Task<BulkStreams> PopulateAsync()
    {
        var bulk = new BulkStreams(db);
        await bulk.TemplatesAsync(24);
        await bulk.GroupsAsync(40);
        await bulk.ProgramsAsync(150);
        await bulk.CampaignsAsync(perProgram: 4);
        await bulk.UpdateCampaignsAsync(every: 3);
        await bulk.ProbabilityChangesAsync(bulk.Campaigns, changesEach: 3);
        await bulk.NewTemplateVersionsAsync(every: 3);
        await bulk.MigrateProgramsAsync();

        var crossing = bulk.Campaigns.Where((_, i) => i % 4 != 3).ToArray();
        await bulk.CrossAsync(crossing);
        await bulk.ApproveAsync(crossing.Where((_, i) => i % 9 < 4).ToArray());
        await bulk.RejectAsync(crossing.Where((_, i) => i % 9 is >= 4 and < 7).ToArray());
        await bulk.PauseProgramsAsync(every: 10);
        await bulk.EnrollmentsAsync(1100);
        return bulk;
    }
}
