using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Campaigns;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Campaigns;
using Marten;
using System.Text.Json;
using Wolverine.Http;

namespace EventSourced.Host.Campaigns;

/// <summary>The editable fields of a campaign; those left out keep their value.</summary>
public sealed record UpdateCampaignRequest(
    string? Name,
    int? TargetEnrollment,
    int? MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement? ConfigOverrides,
    int? Probability);

[Tags("Campaigns")]
public static class UpdateCampaignEndpoint
{
    /// <summary>Edits name, targets, budget, dates or overrides; the result is re-validated, configuration included.
    /// A <c>probability</c> in the body is applied as by <c>PUT /campaigns/{id}/probability</c>, in the same transaction.</summary>
    [WolverinePut("/campaigns/{id}")]
    public static async Task<Changed<CampaignView>> Put(Guid id, UpdateCampaignRequest? request, IDocumentSession session, TimeProvider clock,
        ApprovalWorkflowOptions workflow, HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        if (request is null)
        {
            return DomainProblems.MissingBody(context);
        }

        var command = new UpdateCampaign(id, request.Name, request.TargetEnrollment, request.MaxEnrollment, request.Budget,
            request.StartDate, request.EndDate, request.ConfigOverrides, request.Probability) { ExpectedVersion = expectedVersion };
        return await session.OkAtCommitAsync(context, id, CampaignQueries.FindCampaignAsync,
            () => CampaignHandler.Handle(command, session, clock, workflow, cancellation), cancellation);
    }
}
