using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class GetProgramEndpoint
{
    /// <summary>One program, by id. Its <c>ETag</c> is the stream version, for <c>If-Match</c> on writes.</summary>
    [WolverineGet("/programs/{id}")]
    public static async Task<Found<ProgramView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await context.OkWithETagAsync(session, id, ProgramQueries.FindProgramAsync, () => DomainError.NotFound("Program", id).ToProblem(context), cancellation);
}
