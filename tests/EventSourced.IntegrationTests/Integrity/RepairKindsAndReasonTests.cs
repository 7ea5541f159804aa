using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Operations.Repairs;
using Marten;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Several findings in one store: <see cref="RepairOptions.Kinds"/> repairs only the kinds named; without a reason each
/// finding's own description is recorded.</summary>
public sealed class RepairKindsAndReasonTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Kinds_limit_the_repair_and_a_missing_reason_records_each_finding_s_description()
    {
        var findings = await db.RepairableFindingsAsync("kinds");
        var report = await db.CheckAsync();
        report.DomainFindings.Select(f => (f.Kind, f.StreamId)).ShouldBe(findings.StreamsByKind.Select(k => (k.Key, k.Value)), ignoreOrder: true);
        report.Tables.ShouldAllBe(t => t.IsClean);

        var events = await db.EventCountAsync();
        var only = await db.RepairAsync(new RepairOptions { OperatorId = "ops-1", Reason = "only this", Kinds = [FindingKinds.DanglingReservation] });

        only.Compensations.ShouldHaveSingleItem().StreamId.ShouldBe(findings.Dangling.Reservation);
        (await db.EventCountAsync()).ShouldBe(events + 2);
        var after = only.After.ShouldNotBeNull();
        after.CountsByKind[FindingKinds.DanglingReservation].ShouldBe(0);
        after.DomainFindings.Select(f => f.Kind).ShouldBe(
            [FindingKinds.OrphanedEnrollment, FindingKinds.CampaignWithoutApproval, FindingKinds.ApprovalWithoutOrder], ignoreOrder: true);

        var rest = await db.RepairAsync(new RepairOptions { OperatorId = "ops-2" });

        rest.Compensations.Count.ShouldBe(3);
        foreach (var outcome in rest.Compensations)
        {
            outcome.Applied.ShouldBeTrue();
            var detail = after.Finding(outcome.Finding, outcome.StreamId).Detail;
            var recorded = outcome.Events.OfType<RepairRecorded>().ShouldHaveSingleItem();
            recorded.Reason.ShouldBe(detail);
            recorded.OperatorId.ShouldBe("ops-2");
        }

        rest.After.ShouldNotBeNull().ShouldBeClean();

        // The audit trail: every event a repair appends names its operator as the user, and one run shares a correlation id.
        await using var query = db.Store.QuerySession();
        var byOps2 = await query.Events.QueryAllRawEvents().Where(e => e.UserName == "ops-2").ToListAsync(TestContext.Current.CancellationToken);
        byOps2.Count.ShouldBe(rest.Compensations.Sum(c => c.Events.Count));
        byOps2.Select(e => e.CorrelationId).Distinct().ShouldHaveSingleItem().ShouldStartWith("repair-");
        (await query.Events.QueryAllRawEvents().Where(e => e.UserName == "ops-1").CountAsync(TestContext.Current.CancellationToken)).ShouldBe(2);
    }
}
