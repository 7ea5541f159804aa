using System.Diagnostics;
using Wolverine;

namespace EventSourced.Host.Http;

/// <summary>
/// Accepts <c>X-Correlation-Id</c> (or makes one from the trace id), echoes it on the response, puts it in the logging
/// scope of everything the request logs, and hands it to Wolverine so messages the request sends carry it too.
/// </summary>
public sealed class CorrelationId(RequestDelegate next, ILogger<CorrelationId> logger)
{
    public const string Header = "X-Correlation-Id";

    /// <summary>Longer or non-printable values are replaced rather than logged (log injection).</summary>
    public const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsAcceptable(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        // Wolverine.Http copies X-Correlation-Id into the message context of endpoints that send messages: it must see the id
        // accepted here, not a rejected value (RequestMetadataPolicy does the same for every write).
        context.Request.Headers[Header] = id;
        context.Response.Headers[Header] = id;
        if (context.RequestServices.GetService<IMessageContext>() is { } messages)
        {
            messages.CorrelationId = id;
        }

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');
}
