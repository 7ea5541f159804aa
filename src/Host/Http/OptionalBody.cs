using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventSourced.Host.Http;

/// <summary>Reads a JSON body that callers may leave out entirely (e.g. <c>curl -X POST …/publish</c>).</summary>
public static class OptionalBody
{
    public sealed record Outcome<T>(T? Value, IResult? Problem);

    public static async Task<Outcome<T>> ReadAsync<T>(HttpContext context, CancellationToken cancellation)
        where T : class
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(cancellation);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return new(JsonSerializer.Deserialize<T>(text, options), null);
        }
        catch (JsonException ex)
        {
            return new(null, Results.Problem(ex.Message, context.Request.Path, StatusCodes.Status400BadRequest, "Invalid JSON format"));
        }
    }
}
