using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Handlers.Commands;
using Marten;
using Wolverine.Attributes;

namespace EventSourced.Handlers.BeneficiaryGroups;

/// <summary>Beneficiary group command handlers: load, decide, append (Wolverine discovers them as message handlers and
/// commits once).</summary>
[Transactional]
public static class BeneficiaryGroupHandler
{
    public static CommandResult Handle(CreateBeneficiaryGroup command, IDocumentSession session, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var decision = BeneficiaryGroupDecisions.Create(command, id, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(id, error);
        }

        session.Events.StartStream<BeneficiaryGroup>(id, [.. decision.Events]);
        return CommandResult.Accepted(id).AtVersion(decision.Events.Count);
    }

    public static Task<CommandResult> Handle(UpdateBeneficiaryGroup command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<BeneficiaryGroup>(command.BeneficiaryGroupId, "Beneficiary group",
            group => BeneficiaryGroupDecisions.Update(group, command, clock.GetUtcNow()), cancellation, command.ExpectedVersion);
}
