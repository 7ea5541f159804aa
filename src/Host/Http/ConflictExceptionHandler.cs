using JasperFx;
using Microsoft.AspNetCore.Diagnostics;

namespace EventSourced.Host.Http;

/// <summary>
/// Races lost at a commit Wolverine's middleware makes (the aggregate workflow), and any that escape a handler (handlers
/// turn them into a <see cref="EventSourced.Handlers.Commands.CommandResult"/> themselves): a stream moved on, 409 (412
/// when the request named a version with If-Match); a unique value taken, 409. Never 500.
/// </summary>
internal sealed class ConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (EventSourced.Handlers.Commands.SessionCommits.UniqueViolation(exception) is { } violation)
        {
            var duplicate = EventSourced.Handlers.Commands.SessionCommits.DuplicateValueError(violation);
            return await problemDetails.WriteAsync(httpContext, exception, StatusCodes.Status409Conflict, duplicate.Title, duplicate.Detail);
        }

        if (exception is not (ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException))
        {
            return false;
        }

        // The request named the version it last saw (If-Match) and the commit found the stream moved on: a failed precondition.
        if (httpContext.TryReadIfMatch(out var expected, out _) && expected is not null)
        {
            return await problemDetails.WriteAsync(httpContext, exception, StatusCodes.Status412PreconditionFailed,
                Domain.Common.DomainError.StreamMovedOn, "The resource moved past the version named in If-Match while this request was being decided; nothing was saved. Fetch it again and retry.");
        }

        return await problemDetails.WriteAsync(httpContext, exception, StatusCodes.Status409Conflict, "Concurrent modification",
            "The resource was changed by another request; nothing was saved. Reload and retry.");
    }
}
