using System.Text.Json;
using EventSourced.Host.Http.Answers;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventSourced.Host.Http;

/// <summary>Reads a JSON body that callers may leave out entirely (e.g. <c>curl -X POST …/publish</c>).</summary>
public static class OptionalBody
{
    public sealed record Outcome<T>(T? Value, Problem? Problem);

    public static async Task<Outcome<T>> ReadAsync<T>(HttpContext context, CancellationToken cancellation)
        where T : class
    {
        var (text, notUtf8) = await Utf8Body.ReadAsync(context, cancellation);
        if (notUtf8 is not null)
        {
            return new(null, notUtf8);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            // The literal null is a body, and not an object: refused like any other wrong root, never taken for "no body".
            return JsonSerializer.Deserialize<T>(text, options) is { } value ? new(value, null) : new(null, DomainProblems.MissingBody(context));
        }
        catch (JsonException ex)
        {
            return new(null, new Problem(Results.Problem(ex.Message, context.Request.Path, StatusCodes.Status400BadRequest, "Invalid JSON format")));
        }
    }
}
