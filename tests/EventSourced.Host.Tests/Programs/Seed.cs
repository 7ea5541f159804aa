using System.Net;
using EventSourced.Host.Tests.Campaigns;
using EventSourced.Projections.BeneficiaryGroups;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Programs;
using EventSourced.Projections.Templates;
using static EventSourced.Host.Tests.Templates.TemplateRequests;

namespace EventSourced.Host.Tests.Programs;

/// <summary>Arranges data through the API itself, asserting each step succeeded.</summary>
internal static class Seed
{
    public static async Task<TemplateView> ActiveTemplateAsync(this HostFixture fixture, string key, string category = "mentorship",
        string configSchema = ProgramRequests.Schema)
    {
        var created = await fixture.Host.PostAsync("/templates", Create(key, configSchema, category: category));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var published = await fixture.Host.PostAsync($"/templates/{created.Template.Id}/publish", PublishKeepingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK, published.Body);
        return published.Template;
    }

    /// <summary>Versions <paramref name="templateId"/>, edits the new draft with <paramref name="update"/> and, unless told not to, publishes it.</summary>
    public static async Task<TemplateView> NextVersionAsync(this HostFixture fixture, Guid templateId, string update, bool publish = true,
        bool deprecatePrevious = true)
    {
        var created = await fixture.Host.PostAsync($"/templates/{templateId}/versions");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        var updated = await fixture.Host.PutAsync($"/templates/{created.Template.Id}", update);
        updated.Status.ShouldBe(HttpStatusCode.OK, updated.Body);
        if (!publish)
        {
            return updated.Template;
        }

        var published = await fixture.Host.PostAsync($"/templates/{created.Template.Id}/publish",
            deprecatePrevious ? PublishDeprecatingPrevious : PublishKeepingPrevious);
        published.Status.ShouldBe(HttpStatusCode.OK, published.Body);
        return published.Template;
    }

    public static async Task<BeneficiaryGroupView> GroupAsync(this HostFixture fixture, string name = "Syrian refugees in Germany")
    {
        var created = await fixture.Host.PostAsync("/beneficiary-groups", $$"""{"name": "{{name}}", "region": "DE", "tags": ["refugees"]}""");
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.As<BeneficiaryGroupView>();
    }

    public static async Task<ProgramView> ProgramAsync(this HostFixture fixture, Guid templateId, Guid beneficiaryGroupId, string name,
        string configOverrides = ProgramRequests.Overrides90)
    {
        var created = await fixture.Host.PostAsync("/programs", ProgramRequests.Create(templateId, beneficiaryGroupId, name, configOverrides));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.As<ProgramView>();
    }

    public static async Task<ProgramView> StatusAsync(this HostFixture fixture, Guid programId, string status)
    {
        var changed = await fixture.Host.PutAsync($"/programs/{programId}/status", ProgramRequests.Status(status));
        changed.Status.ShouldBe(HttpStatusCode.OK, changed.Body);
        return changed.As<ProgramView>();
    }

    /// <summary>An active template of its own key, a group and an active program named like the key, with overrides of 90 minutes.</summary>
    public static async Task<ProgramView> ActiveProgramAsync(this HostFixture fixture, string key, string category = "mentorship",
        string configOverrides = ProgramRequests.Overrides90)
    {
        var template = await fixture.ActiveTemplateAsync(key, category);
        var group = await fixture.GroupAsync();
        var program = await fixture.ProgramAsync(template.Id, group.Id, key, configOverrides);
        return await fixture.StatusAsync(program.Id, "active");
    }

    public static async Task<CampaignView> CampaignAsync(this HostFixture fixture, Guid programId, Guid? companyId = null,
        string configOverrides = CampaignRequests.Overrides45, string extra = "")
    {
        var created = await fixture.Host.PostAsync("/campaigns",
            CampaignRequests.Create(programId, companyId ?? Guid.NewGuid(), configOverrides: configOverrides, extra: extra));
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.As<CampaignView>();
    }

    /// <summary>A problem's errors as "path: message | message" lines, sorted, for exact comparison.</summary>
    public static string[] ErrorLines(this ApiResponse response) =>
        response.Problem.Errors.ShouldNotBeNull(response.Body).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}").Order(StringComparer.Ordinal).ToArray();
}
