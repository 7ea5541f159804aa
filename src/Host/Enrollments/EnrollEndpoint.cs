using System.Net.Mime;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Enrollments;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

[Tags("Enrollments")]
public static class EnrollEndpoint
{
    /// <summary>
    /// Enrolls a user directly: <c>{"sourceSystem", "externalEventId", "userId", "companyId", "programType", "occurredAt"}</c>.
    /// 201 when created (with program context, or legacy); 200 with the earlier enrollment when the same external event
    /// was already enrolled; 409 when the user already has an active enrollment in the program found.
    /// </summary>
    [ProducesResponseType<EnrollmentView>(StatusCodes.Status201Created)]
    [ProducesResponseType<EnrollmentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/enrollments")]
    public static async Task<IResult> Post(EnrollUser? command, IDocumentSession session, TimeProvider clock, ProgramLookupOptions lookup,
        ILogger<EnrollmentLog> logger, HttpContext context, CancellationToken cancellation)
    {
        if (command is null)
        {
            return DomainProblems.MissingBody(context);
        }

        var result = await EnrollmentHandler.EnrollAsync(command, session, clock, lookup, logger, cancellation);
        if (result.Outcome is EnrollmentOutcome.Rejected or EnrollmentOutcome.AlreadyEnrolled)
        {
            return result.Error!.ToProblem(context);
        }

        var view = await session.FindEnrollmentAsync(result.EnrollmentId, cancellation);
        return result.Outcome == EnrollmentOutcome.Created ? Results.Created($"/enrollments/{result.EnrollmentId}", view) : Results.Ok(view);
    }
}
