using EventSourced.Domain.Approvals;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Programs;
using EventSourced.Projections.Campaigns;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Runtime.Handlers;

namespace EventSourced.Handlers.Campaigns;

/// <summary>Campaign command handlers: load, decide, append (Wolverine discovers them as message handlers and commits once).
/// Explicit multi-stream code where the other streams' ids come from state (the program's template, a new approval and
/// reservation), which Wolverine's <c>[WriteAggregate]</c> parameters cannot name up front.</summary>
[Transactional]
public static class CampaignHandler
{
    /// <summary>Creates on one program and probability changes on one campaign are decided again when they lose a race.</summary>
    public static void Configure(HandlerChain chain)
    {
        if (chain.MessageType == typeof(CreateCampaign) || chain.MessageType == typeof(SetCampaignProbability))
        {
            chain.RetryOnRace(attempts: 5);
        }
    }

    /// <summary>
    /// Creates a campaign and records the deployment on the program's stream, in one transaction. Creates on one program
    /// queue on the program's lock (<see cref="ProgramWriteLock"/>), so they do not race on its stream; a create that still
    /// loses to a migration is decided again, not refused.
    /// </summary>
    public static async Task<CommandResult> Handle(CreateCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var id = Guid.CreateVersion7();
        IEventStream<ProgramState>? programStream = null;
        if (command.ProgramId is { } programId && programId != Guid.Empty)
        {
            await ProgramWriteLock.AcquireAsync(session, programId, cancellation);
            programStream = await session.Events.FetchForWriting<ProgramState>(programId, cancellation);
        }

        var programState = programStream?.Aggregate;
        var template = programState is null ? null : await session.Events.AggregateStreamAsync<Template>(programState.TemplateId, token: cancellation);

        var decision = CampaignDecisions.Create(command, id, programState, template, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(id, error);
        }

        var created = decision.Events.OfType<CampaignCreated>().ToArray();
        session.Events.StartStream<CampaignState>(id, [.. created]);
        programStream!.AppendMany(decision.Events.OfType<CampaignDeployed>());
        return CommandResult.Accepted(id).AtVersion(created.Length);
    }

    /// <summary>
    /// Sets the probability. Crossing 90 % opens an approval and a reservation in the same transaction as the change. Two
    /// writers crossing at once race on the campaign stream; the loser is decided again and sees the approval already open.
    /// </summary>
    public static async Task<CommandResult> Handle(SetCampaignProbability command, IDocumentSession session, TimeProvider clock,
        ApprovalWorkflowOptions workflow, Envelope? envelope, CancellationToken cancellation)
    {
        var (stream, refusal) = await session.FetchForWritingAsync<CampaignState>(command.CampaignId, command.ExpectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(command.CampaignId, refusal);
        }

        if (stream?.Aggregate is not { } campaign)
        {
            return CommandResult.Rejected(command.CampaignId, DomainError.NotFound("Campaign", command.CampaignId));
        }

        var decision = ApprovalWorkflow.ChangeProbability(campaign, command, workflow.Enabled, Guid.CreateVersion7(), Guid.CreateVersion7(),
            clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(campaign.Id, error);
        }

        new WorkflowStreams(session, stream).Append(decision.Events);
        return CommandResult.Accepted(campaign.Id).AtVersion(stream.CurrentVersion)
            .Answering(session, envelope, stream, (query, token) => query.FindCampaignAsync(campaign.Id, token));
    }

    /// <summary>Edits the campaign; a probability in the same request is applied after the edit, in the same transaction.</summary>
    public static async Task<CommandResult> Handle(UpdateCampaign command, IDocumentSession session, TimeProvider clock,
        ApprovalWorkflowOptions workflow, CancellationToken cancellation)
    {
        var (stream, refusal) = await session.FetchForWritingAsync<CampaignState>(command.CampaignId, command.ExpectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(command.CampaignId, refusal);
        }

        if (stream?.Aggregate is not { } campaign)
        {
            return CommandResult.Rejected(command.CampaignId, DomainError.NotFound("Campaign", command.CampaignId));
        }

        var events = new List<object>();
        var now = clock.GetUtcNow();
        if (command.ChangesDetails || command.Probability is null)
        {
            var template = await session.Events.AggregateStreamAsync<Template>(campaign.TemplateId, token: cancellation)
                ?? throw new InvalidOperationException($"Campaign {campaign.Id} is pinned to template {campaign.TemplateId}, which has no stream.");
            var update = CampaignDecisions.Update(campaign, command, template, now);
            if (update.Error is { } error)
            {
                return CommandResult.Rejected(campaign.Id, error);
            }

            events.AddRange(update.Events);
            campaign = update.Events.Aggregate(campaign, (state, e) => CampaignState.Evolve(state, e)!);
        }

        if (command.Probability is not null)
        {
            var change = ApprovalWorkflow.ChangeProbability(campaign, new SetCampaignProbability(campaign.Id, command.Probability), workflow.Enabled,
                Guid.CreateVersion7(), Guid.CreateVersion7(), now);
            if (change.Error is { } error)
            {
                return CommandResult.Rejected(campaign.Id, error);
            }

            events.AddRange(change.Events);
        }

        new WorkflowStreams(session, stream).Append(events);
        return CommandResult.Accepted(campaign.Id).AtVersion(stream.CurrentVersion);
    }
}
