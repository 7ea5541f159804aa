using Microsoft.AspNetCore.Mvc;

namespace EventSourced.Host.Http;

/// <summary>How the host's exception handlers answer: a problem details body with the given status, written by ASP.NET Core's
/// problem details service (which adds the trace id, as on its own problems).</summary>
internal static class ExceptionProblems
{
    public static ValueTask<bool> WriteAsync(this IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception,
        int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;
        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = httpContext.Request.Path },
        });
    }
}
