using System.Text;
using EventSourced.Host.Http.Answers;

namespace EventSourced.Host.Http;

/// <summary>
/// The request body as text for endpoints that read it themselves. JSON on the wire is UTF-8 (RFC 8259): bytes that are not,
/// a UTF-16 body behind its byte order mark included, are refused rather than guessed at, as the JSON parser of every other
/// endpoint refuses them.
/// </summary>
public static class Utf8Body
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string Text, Problem? Problem)> ReadAsync(HttpContext context, CancellationToken cancellation)
    {
        using var reader = new StreamReader(context.Request.Body, Strict, detectEncodingFromByteOrderMarks: false);
        try
        {
            return (await reader.ReadToEndAsync(cancellation), null);
        }
        catch (DecoderFallbackException ex)
        {
            return (string.Empty, new Problem(Results.Problem($"The body is not UTF-8 text: {ex.Message}", context.Request.Path, StatusCodes.Status400BadRequest,
                "Invalid JSON format")));
        }
    }
}
