using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

public static class GetBeneficiaryGroupEndpoint
{
    [WolverineGet("/beneficiary-groups/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindBeneficiaryGroupAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Beneficiary group", id).ToProblem(context);
}
