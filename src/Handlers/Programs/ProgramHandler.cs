using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;
using EventSourced.Handlers.Commands;
using EventSourced.Projections.Programs;
using JasperFx.Events;
using Marten;
using Wolverine.Attributes;
using Wolverine.Runtime.Handlers;

namespace EventSourced.Handlers.Programs;

/// <summary>Program command handlers: load, decide, append (Wolverine discovers them as message handlers and commits
/// once).</summary>
[Transactional]
public static class ProgramHandler
{
    /// <summary>Concurrent creates with the same name race for the key; the unique index decides and the loser is decided
    /// again on a fresh session (Wolverine's inline retry) and takes the next free key.</summary>
    public static void Configure(HandlerChain chain)
    {
        if (chain.MessageType == typeof(CreateProgram))
        {
            chain.RetryOnRace(attempts: 25);
        }
    }

    public static async Task<CommandResult> Handle(CreateProgram command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var id = Guid.CreateVersion7();
        var template = command.TemplateId is { } templateId ? await session.Events.AggregateStreamAsync<Template>(templateId, token: cancellation) : null;
        var group = command.BeneficiaryGroupId is { } groupId
            ? await session.Events.AggregateStreamAsync<BeneficiaryGroup>(groupId, token: cancellation)
            : null;
        var taken = string.IsNullOrWhiteSpace(command.Name)
            ? new HashSet<string>()
            : await session.ProgramKeysLikeAsync(ProgramRules.KeyBase(command.Name), cancellation);

        var decision = ProgramDecisions.Create(command, id, template, group, taken, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(id, error);
        }

        session.Events.StartStream<ProgramState>(id, [.. decision.Events]);
        return CommandResult.Accepted(id).AtVersion(decision.Events.Count);
    }

    public static Task<CommandResult> Handle(ChangeProgramStatus command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<ProgramState>(command.ProgramId, "Program",
            program => ProgramDecisions.ChangeStatus(program, command, clock.GetUtcNow()), cancellation, command.ExpectedVersion);

    /// <summary>Migrates the program and every campaign in one transaction, each stream version-checked at commit. Explicit
    /// multi-stream code: the campaigns' ids come from the program's state, so Wolverine cannot fetch them up front as it
    /// does for <c>[WriteAggregate]</c> parameters named by the command.</summary>
    public static async Task<CommandResult> Handle(MigrateProgram command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        // In line with the program's campaign creates (ProgramWriteLock), so a burst of them cannot starve the migration.
        await ProgramWriteLock.AcquireAsync(session, command.ProgramId, cancellation);
        var (programStream, refusal) = await session.FetchForWritingAsync<ProgramState>(command.ProgramId, command.ExpectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(command.ProgramId, refusal);
        }

        if (programStream?.Aggregate is not { } program)
        {
            return CommandResult.Rejected(command.ProgramId, DomainError.NotFound("Program", command.ProgramId));
        }

        var campaignStreams = new Dictionary<Guid, IEventStream<CampaignState>>();
        foreach (var campaignId in program.CampaignIds)
        {
            campaignStreams[campaignId] = await session.Events.FetchForWriting<CampaignState>(campaignId, cancellation);
        }

        var target = command.TemplateId is { } templateId ? await session.Events.AggregateStreamAsync<Template>(templateId, token: cancellation) : null;
        var campaigns = campaignStreams.Values.Select(s => s.Aggregate).OfType<CampaignState>().ToArray();
        var decision = ProgramDecisions.Migrate(program, command, target, campaigns, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(program.Id, error);
        }

        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case ProgramMigrated migrated:
                    programStream.AppendOne(migrated);
                    break;
                case CampaignRebased rebased:
                    campaignStreams[rebased.CampaignId].AppendOne(rebased);
                    break;
                default:
                    throw new InvalidOperationException($"Migration decided an unexpected event {e.GetType().Name}.");
            }
        }

        return CommandResult.Accepted(program.Id).AtVersion(programStream.CurrentVersion);
    }
}
