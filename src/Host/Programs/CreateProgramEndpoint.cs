using EventSourced.Domain.Programs.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

[Tags("Programs")]
public static class CreateProgramEndpoint
{
    /// <summary>Instantiates an active template for a beneficiary group (runbook 000, "Instantiating a Program"); 201 with
    /// the program, its derived programKey and effective config. Config errors: 400 "Config validation failed".</summary>
    [WolverinePost("/programs")]
    public static async Task<Created<ProgramView>> Post(CreateProgram? command, IMessageBus bus, IQuerySession session, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await bus.CreatedAsync(context, command, "/programs", streamId => session.FindProgramAsync(streamId, cancellation), cancellation);
}
