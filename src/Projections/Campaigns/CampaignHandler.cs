using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Projections.Commands;
using Marten;

namespace EventSourced.Projections.Campaigns;

/// <summary>Campaign command handlers: load, decide, append, commit (Wolverine discovers them as message handlers).</summary>
public static class CampaignHandler
{
    /// <summary>
    /// Creates a campaign and records the deployment on the program's stream, in one transaction. Two campaigns created
    /// for one program at the same moment race on the program stream; the loser is decided again, not refused.
    /// </summary>
    public static Task<CommandResult> Handle(CreateCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        SessionCommits.RetryOnRaceAsync(async () =>
        {
            var id = Guid.CreateVersion7();
            var programStream = command.ProgramId is { } programId && programId != Guid.Empty
                ? await session.Events.FetchForWriting<ProgramState>(programId, cancellation)
                : null;
            var program = programStream?.Aggregate;
            var template = program is null ? null : await session.Events.AggregateStreamAsync<Template>(program.TemplateId, token: cancellation);

            var decision = CampaignDecisions.Create(command, id, program, template, clock.GetUtcNow());
            if (decision.Error is { } error)
            {
                return CommandResult.Rejected(id, error);
            }

            session.Events.StartStream<CampaignState>(id, [.. decision.Events.OfType<CampaignCreated>()]);
            programStream!.AppendMany(decision.Events.OfType<CampaignDeployed>());
            return await session.CommitAsync(id, cancellation);
        }, maxAttempts: 5);

    public static async Task<CommandResult> Handle(UpdateCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CampaignState>(command.CampaignId, cancellation);
        if (stream.Aggregate is not { } campaign)
        {
            return CommandResult.Rejected(command.CampaignId, DomainError.NotFound("Campaign", command.CampaignId));
        }

        var template = await session.Events.AggregateStreamAsync<Template>(campaign.TemplateId, token: cancellation)
            ?? throw new InvalidOperationException($"Campaign {campaign.Id} is pinned to template {campaign.TemplateId}, which has no stream.");
        var decision = CampaignDecisions.Update(campaign, command, template, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(campaign.Id, error);
        }

        stream.AppendMany(decision.Events);
        return await session.CommitAsync(campaign.Id, cancellation);
    }
}
