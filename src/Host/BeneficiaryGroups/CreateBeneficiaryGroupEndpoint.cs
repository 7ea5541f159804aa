using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class CreateBeneficiaryGroupEndpoint
{
    /// <summary>Registers a beneficiary group: <c>{"name", "description", "region", "tags"}</c>.</summary>
    [WolverinePost("/beneficiary-groups")]
    public static (Created<BeneficiaryGroupView>, IMartenOp) Post(CreateBeneficiaryGroup? command, IDocumentSession session, TimeProvider clock, HttpContext context) =>
        command is null
            ? (DomainProblems.MissingBody(context), MartenOps.Nothing())
            : AggregateWrites.Start<BeneficiaryGroup, BeneficiaryGroupView>(context, session, "/beneficiary-groups",
                id => BeneficiaryGroupDecisions.Create(command, id, clock.GetUtcNow()), BeneficiaryGroupQueries.FindBeneficiaryGroupAsync);
}
