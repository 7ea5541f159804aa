using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class ListBeneficiaryGroupsEndpoint
{
    /// <summary>Groups from <c>beneficiary_groups</c>, optionally filtered: <c>?region=DE&amp;tag=refugees</c>.</summary>
    [WolverineGet("/beneficiary-groups")]
    public static Task<Listed<BeneficiaryGroupView>> Get(string? region, string? tag, IQuerySession session, CancellationToken cancellation) =>
        Listed<BeneficiaryGroupView>.OfAsync(session.ListBeneficiaryGroupsAsync(Query.Optional(region), Query.Optional(tag), cancellation));
}
