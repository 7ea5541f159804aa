using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class ListProgramsEndpoint
{
    /// <summary>Programs from <c>programs</c>, optionally filtered: <c>?programType=mentorship&amp;status=active&amp;beneficiaryGroupId=…</c>.</summary>
    [WolverineGet("/programs")]
    public static Task<Listed<ProgramView>> Get(string? programType, string? status, Guid? beneficiaryGroupId, IQuerySession session,
        CancellationToken cancellation) =>
        Listed<ProgramView>.OfAsync(session.ListProgramsAsync(Query.Optional(programType), Query.OptionalStatus(status), beneficiaryGroupId, cancellation));
}
