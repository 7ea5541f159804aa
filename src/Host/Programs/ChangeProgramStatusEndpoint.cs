using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Programs;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Programs;

/// <summary><c>{"status": "paused", "reason": "…"}</c>: draft, active, paused, completed or archived; the reason is optional.</summary>
public sealed record ChangeProgramStatusRequest(string? Status, string? Reason = null);

[Tags("Programs")]
public static class ChangeProgramStatusEndpoint
{
    /// <summary>Moves the program through draft → active ⇄ paused → completed | archived; an illegal move is a 409.</summary>
    [WolverinePut("/programs/{id}/status")]
    public static (Changed<ProgramView>, Events) Put(Guid id, ChangeProgramStatusRequest? request,
        [WriteAggregate("id", Required = false)] IEventStream<ProgramState> stream, IDocumentSession session, TimeProvider clock, HttpContext context) =>
        request is null
            ? (DomainProblems.MissingBody(context), [])
            : AggregateWrites.Decide(context, session, id, stream, "Program",
                (program, expected) => ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(id, request.Status) { ExpectedVersion = expected, Reason = request.Reason },
                    clock.GetUtcNow()),
                ProgramQueries.FindProgramAsync);
}
