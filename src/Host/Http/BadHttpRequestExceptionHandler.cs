using Microsoft.AspNetCore.Diagnostics;

namespace EventSourced.Host.Http;

/// <summary>
/// Kestrel refuses what a client sent while an endpoint reads it (a body over the size limit, a connection that stops
/// sending, a malformed chunk) by throwing <see cref="BadHttpRequestException"/> with the status to answer; without this, the
/// exception handler's default turns it into a 500. Answered with that status as problem details.
/// </summary>
internal sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request";
        return await problemDetails.WriteAsync(httpContext, exception, bad.StatusCode, title, bad.Message);
    }
}
