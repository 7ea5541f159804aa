using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

public static class ListProgramsEndpoint
{
    /// <summary>Programs from <c>programs</c>, optionally filtered: <c>?programType=mentorship&amp;status=active&amp;beneficiaryGroupId=…</c>.</summary>
    [WolverineGet("/programs")]
    public static Task<IReadOnlyList<ProgramView>> Get(string? programType, string? status, Guid? beneficiaryGroupId, IQuerySession session,
        CancellationToken cancellation) =>
        session.ListProgramsAsync(Query.Optional(programType), Query.OptionalStatus(status), beneficiaryGroupId, cancellation);
}
