using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Observability;

namespace EventSourced.Host.Http;

/// <summary>RFC 7807 problem details for domain errors: 400 / 404 / 409 / 412, with <c>errors</c> keyed by field or JSON path
/// (the same shape as ASP.NET's validation problems).</summary>
public static class DomainProblems
{
    public static Problem ToProblem(this DomainError error, HttpContext context)
    {
        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status400BadRequest,
        };

        if (error.Title == ConfigValidation.Failed)
        {
            EventSourcedMetrics.RecordConfigValidationFailure();
        }

        var extensions = new Dictionary<string, object?>(error.Extensions);
        if (error.Errors.Count > 0)
        {
            extensions["errors"] = error.Errors
                .GroupBy(e => e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        }

        return new Problem(Results.Problem(error.Detail, context.Request.Path, status, error.Title, extensions: extensions));
    }

    /// <summary>The body was the JSON literal <c>null</c> (or absent where one is required).</summary>
    public static Problem MissingBody(HttpContext context) =>
        new(Results.Problem("The request body must be a JSON object.", context.Request.Path, StatusCodes.Status400BadRequest, "Invalid request body"));
}
