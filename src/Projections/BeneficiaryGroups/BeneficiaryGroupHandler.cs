using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Projections.Commands;
using Marten;

namespace EventSourced.Projections.BeneficiaryGroups;

/// <summary>Beneficiary group command handlers: load, decide, append, commit (Wolverine discovers them as message handlers).</summary>
public static class BeneficiaryGroupHandler
{
    public static async Task<CommandResult> Handle(CreateBeneficiaryGroup command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var id = Guid.CreateVersion7();
        var decision = BeneficiaryGroupDecisions.Create(command, id, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(id, error);
        }

        session.Events.StartStream<BeneficiaryGroup>(id, [.. decision.Events]);
        return (await session.CommitAsync(id, cancellation)).AtVersion(decision.Events.Count);
    }

    public static Task<CommandResult> Handle(UpdateBeneficiaryGroup command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<BeneficiaryGroup>(command.BeneficiaryGroupId, "Beneficiary group",
            group => BeneficiaryGroupDecisions.Update(group, command, clock.GetUtcNow()), cancellation, command.ExpectedVersion);
}
