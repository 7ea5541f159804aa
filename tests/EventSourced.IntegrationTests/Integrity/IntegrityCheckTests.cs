using EventSourced.Domain.Repairs;

namespace EventSourced.IntegrationTests.Integrity;

public sealed class IntegrityCheckTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_store_built_by_the_handlers_is_clean()
    {
        await db.PopulateAsync("clean");

        var report = await db.CheckAsync();

        report.Tables.Where(t => !t.IsClean).ShouldBeEmpty();
        report.UnappliedEvents.ShouldBeEmpty();
        report.DomainFindings.Where(f => f.Kind != FindingKinds.StaleApproval).ShouldBeEmpty();
        report.EventsReplayed.ShouldBeGreaterThan(10);
        report.Tables.ShouldAllBe(t => t.ExpectedRows == t.ActualRows);
        report.Tables.Single(t => t.Table == "program_enrollments").ActualRows.ShouldBeGreaterThanOrEqualTo(3);
    }
}
