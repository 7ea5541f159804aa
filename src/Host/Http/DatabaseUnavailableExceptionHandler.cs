using EventSourced.Handlers.Resilience;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace EventSourced.Host.Http;

/// <summary>
/// A request that cannot reach PostgreSQL (restarting, failing over, network gone) is the service being unavailable, not a
/// bug: 503 with <c>Retry-After</c>, so clients and load balancers retry instead of reporting an error. The command did not
/// commit (Marten commits in one transaction), so retrying it is safe; an append that raced the outage is settled by the
/// expected-version check on the retry.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying: about one readiness probe interval.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsUnavailable(exception) || httpContext.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        logger.LogWarning("Database unavailable during {Method} {Path}: {Error}", httpContext.Request.Method, httpContext.Request.Path,
            exception.GetBaseException().Message);
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.WriteAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, "Database unavailable",
            $"The database cannot be reached; nothing was saved. Retry in {RetryAfterSeconds} s.");
    }
}
