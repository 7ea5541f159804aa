using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

public static class GetProgramEndpoint
{
    [WolverineGet("/programs/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.FindProgramAsync(id, cancellation) is { } view
            ? Results.Ok(view)
            : DomainError.NotFound("Program", id).ToProblem(context);
}
