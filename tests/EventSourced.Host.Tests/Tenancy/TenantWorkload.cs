using System.Net;
using System.Text.Json;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Host.Tests.Campaigns;
using EventSourced.Host.Tests.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Host.Tests.Templates;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>Every resource type, made over HTTP by one tenant: an active template, a group, an active program, a campaign at 92 %
/// (so a pending approval and a reservation), an enrollment from an external event and a direct one.</summary>
public sealed record TenantWorkload(Guid Template, Guid Group, Guid Program, Guid Campaign, Guid Approval, Guid ExternalEnrollment,
    Guid DirectEnrollment, string UserId)
{
    public const string ProgramType = "mentorship";

    public static async Task<TenantWorkload> RunAsync(TenantClient tenant, string key)
    {
        var template = await tenant.IdOfAsync(tenant.PostAsync("/templates", TemplateRequests.Create(key)));
        (await tenant.PostAsync($"/templates/{template}/publish", TemplateRequests.PublishKeepingPrevious)).Status.ShouldBe(HttpStatusCode.OK);
        var group = await tenant.IdOfAsync(tenant.PostAsync("/beneficiary-groups", $$"""{"name": "Group {{key}}", "region": "DE", "tags": ["t"]}"""));
        var program = await tenant.IdOfAsync(tenant.PostAsync("/programs", ProgramRequests.Create(template, group, $"Program {key}")));
        (await tenant.PutAsync($"/programs/{program}/status", ProgramRequests.Status("active"))).Status.ShouldBe(HttpStatusCode.OK);
        var campaign = await tenant.IdOfAsync(tenant.PostAsync("/campaigns", CampaignRequests.Create(program, Guid.NewGuid())));
        var crossed = await tenant.PutAsync($"/campaigns/{campaign}/probability", ApprovalRequests.Probability(92));
        crossed.Status.ShouldBe(HttpStatusCode.OK, crossed.Body);
        var approval = JsonDocument.Parse(crossed.Body).RootElement.GetProperty("approvalRequestId").GetGuid();

        var user = $"user-{key}";
        var externalEventId = $"{key}-external";
        (await tenant.PostAsync("/events/kintell",
            $$"""{"eventId": "{{externalEventId}}", "userId": "{{user}}", "programType": "{{ProgramType}}", "occurredAt": "2026-11-20T10:00:00Z"}"""))
            .Status.ShouldBe(HttpStatusCode.Accepted);
        var external = EnrollmentIds.ForExternalEvent(SourceSystems.Kintell, externalEventId);
        (await EnrollmentSeed.PollAsync(() => tenant.GetAsync($"/enrollments/{external}"), r => r.Status == HttpStatusCode.OK))
            .Status.ShouldBe(HttpStatusCode.OK, $"the external event {externalEventId} was not handled in its tenant");
        var direct = await tenant.IdOfAsync(tenant.PostAsync("/enrollments",
            EnrollmentApiTests.Body(SourceSystems.Buddy, $"{key}-direct", $"{user}-direct", ProgramType)));
        return new TenantWorkload(template, group, program, campaign, approval, external, direct, user);
    }
}
