using EventSourced.Host.Http.Answers;

namespace EventSourced.Host.Http;

/// <summary>
/// For operations that take no body (<c>POST /templates/{id}/archive</c>, <c>…/versions</c>): nothing, whitespace or an empty
/// JSON object is fine (what curl and most clients send); anything else is refused with 400 rather than ignored, so a
/// client that believes it is sending options (a reason, a version number) learns that they are not read.
/// </summary>
public static class NoBody
{
    public static async Task<Problem?> RefuseAnyAsync(HttpContext context, CancellationToken cancellation)
    {
        var (body, notUtf8) = await Utf8Body.ReadAsync(context, cancellation);
        if (notUtf8 is not null)
        {
            return notUtf8;
        }

        var text = body.Trim();
        if (text.Length == 0 || IsEmptyObject(text))
        {
            return null;
        }

        return new Problem(Results.Problem("This operation takes no request body; send none (or {}).", context.Request.Path, StatusCodes.Status400BadRequest,
            "Unexpected request body", extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["$"] = ["must be empty"] } }));
    }

    private static bool IsEmptyObject(string text) =>
        text[0] == '{' && text[^1] == '}' && string.IsNullOrWhiteSpace(text[1..^1]);
}
