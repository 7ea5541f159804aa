using System.Net.Mime;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

/// <summary><c>{"status": "completed" | "withdrawn"}</c>.</summary>
public sealed record ChangeEnrollmentStatusRequest(string? Status);

[Tags("Enrollments")]
public static class ChangeEnrollmentStatusEndpoint
{
    /// <summary>Completes or withdraws an active enrollment; any other move is a 409.</summary>
    [ProducesResponseType<EnrollmentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/enrollments/{id}/status")]
    public static async Task<IResult> Put(Guid id, ChangeEnrollmentStatusRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await session.OkAtCommitAsync(context, id, EnrollmentQueries.FindEnrollmentAsync,
                () => EnrollmentStatusHandler.Handle(new ChangeEnrollmentStatus(id, request.Status) { ExpectedVersion = expectedVersion }, session, clock, cancellation), cancellation);
    }
}
