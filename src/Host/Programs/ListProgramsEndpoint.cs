using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class ListProgramsEndpoint
{
    /// <summary>Programs from <c>programs</c>, optionally filtered: <c>?programType=mentorship&amp;status=active&amp;beneficiaryGroupId=…</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/programs")]
    public static Task<IReadOnlyList<ProgramView>> Get(string? programType, string? status, Guid? beneficiaryGroupId, IQuerySession session,
        CancellationToken cancellation) =>
        session.ListProgramsAsync(Query.Optional(programType), Query.OptionalStatus(status), beneficiaryGroupId, cancellation);
}
