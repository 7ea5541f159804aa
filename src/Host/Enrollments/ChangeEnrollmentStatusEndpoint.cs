using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Enrollments;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Enrollments;

/// <summary><c>{"status": "completed" | "withdrawn"}</c>.</summary>
public sealed record ChangeEnrollmentStatusRequest(string? Status);

[Tags("Enrollments")]
public static class ChangeEnrollmentStatusEndpoint
{
    /// <summary>Completes or withdraws an active enrollment; any other move is a 409.</summary>
    [WolverinePut("/enrollments/{id}/status")]
    public static (Changed<EnrollmentView>, Events) Put(Guid id, ChangeEnrollmentStatusRequest? request,
        [WriteAggregate("id", Required = false)] IEventStream<EnrollmentState> stream, IDocumentSession session, TimeProvider clock, HttpContext context) =>
        request is null
            ? (DomainProblems.MissingBody(context), [])
            : AggregateWrites.Decide(context, session, id, stream, "Enrollment",
                (enrollment, expected) => EnrollmentDecisions.ChangeStatus(enrollment,
                    new ChangeEnrollmentStatus(id, request.Status) { ExpectedVersion = expected }, clock.GetUtcNow()),
                EnrollmentQueries.FindEnrollmentAsync);
}
