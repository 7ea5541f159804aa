using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class GetBeneficiaryGroupEndpoint
{
    /// <summary>One beneficiary group, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/beneficiary-groups/{id}")]
    public static async Task<Found<BeneficiaryGroupView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, BeneficiaryGroupQueries.FindBeneficiaryGroupAsync, () => DomainError.NotFound("Beneficiary group", id).ToProblem(context), cancellation);
}
