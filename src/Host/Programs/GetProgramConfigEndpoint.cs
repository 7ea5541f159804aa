using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Configuration;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class GetProgramConfigEndpoint
{
    /// <summary>The program's effective config and, for every leaf, the layer that supplied it (template vN or program).</summary>
    [WolverineGet("/programs/{id}/config")]
    public static async Task<Found<ConfigView>> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        await session.ProgramConfigAsync(id, cancellation) is { } view
            ? Found<ConfigView>.Ok(view)
            : DomainError.NotFound("Program", id).ToProblem(context);
}
