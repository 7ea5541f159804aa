using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class ListBeneficiaryGroupsEndpoint
{
    /// <summary>Groups from <c>beneficiary_groups</c>, optionally filtered: <c>?region=DE&amp;tag=refugees</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/beneficiary-groups")]
    public static Task<IReadOnlyList<BeneficiaryGroupView>> Get(string? region, string? tag, IQuerySession session, CancellationToken cancellation) =>
        session.ListBeneficiaryGroupsAsync(Query.Optional(region), Query.Optional(tag), cancellation);
}
