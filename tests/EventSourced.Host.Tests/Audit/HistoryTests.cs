using System.Net;
using System.Text.Json;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Projections.History;

namespace EventSourced.Host.Tests.Audit;

/// <summary>Issue 19 §1: <c>GET /{resource}/{id}/history</c>, the stream's events in order with a readable summary.</summary>
public sealed class HistoryTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_approval_s_and_its_campaign_s_history_tell_the_workflow_in_order()
    {
        var pending = await fixture.PendingAsync("history");
        var approvalId = pending.ApprovalRequestId!.Value;
        var decided = await fixture.DecideAsync(approvalId, ApprovalRequests.Approve("reviewer-7", "Budget confirmed"));

        var approval = await HistoryAsync($"/approvals/{approvalId}/history");

        approval.Id.ShouldBe(approvalId);
        approval.Resource.ShouldBe("Approval");
        approval.Events.Select(e => (e.Version, e.Type, e.Summary)).ShouldBe([
            (1, "approval_requested.v1", "Approval requested: probability 75 % → 92 %"),
            (2, "approval_approved.v1", $"Approved by reviewer-7: Budget confirmed; order {decided.OrderId}"),
        ]);
        approval.Events.Select(e => e.Sequence).ShouldBeInOrder();
        approval.Events.ShouldAllBe(e => e.RecordedAt != default && e.CorrelationId != null);

        var campaign = await HistoryAsync($"/campaigns/{pending.Id}/history");
        campaign.Events.Select(e => e.Summary).ShouldBe([
            $"Campaign created: {pending.Name}, {ApprovalRequests.TargetEnrollment} of at most {ApprovalRequests.MaxEnrollment} enrollments, budget 25000.5 EUR",
            "Probability changed from 0 % to 75 %",
            "Probability changed from 75 % to 92 %",
            $"Approval {approvalId} requested (90 % reached)",
            $"Campaign won: approval {approvalId} approved, order {decided.OrderId}",
        ]);
        // One request, one correlation id: the crossing's probability change and approval request share it.
        campaign.Events[2].CorrelationId.ShouldBe(campaign.Events[3].CorrelationId);
        campaign.Events[2].CorrelationId.ShouldBe(approval.Events[0].CorrelationId);
    }

    [Fact]
    public async Task A_history_is_only_of_its_own_kind_of_resource()
    {
        var pending = await fixture.PendingAsync("history-kind");

        var wrongKind = await fixture.Host.GetAsync($"/templates/{pending.Id}/history");
        var missing = await fixture.Host.GetAsync($"/campaigns/{Guid.NewGuid()}/history");

        wrongKind.Status.ShouldBe(HttpStatusCode.NotFound, wrongKind.Body);
        wrongKind.Problem.Title.ShouldBe("Template not found");
        missing.Status.ShouldBe(HttpStatusCode.NotFound, missing.Body);
    }

    private async Task<StreamHistory> HistoryAsync(string path)
    {
        var response = await fixture.Host.GetAsync(path);
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return JsonSerializer.Deserialize<StreamHistory>(response.Body, JsonSerializerOptions.Web)!;
    }
}
