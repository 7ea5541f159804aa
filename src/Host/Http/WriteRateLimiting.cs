using System.Globalization;
using System.Threading.RateLimiting;
using EventSourced.Host.Security;

namespace EventSourced.Host.Http;

/// <summary>
/// ASP.NET Core's rate limiter on write requests (POST, PUT, PATCH, DELETE): <c>RateLimiting:Writes:PermitLimit</c> requests
/// per caller per <c>RateLimiting:Writes:Window</c> (default 600 per minute; <c>PermitLimit</c> 0 turns it off). It runs after
/// authentication, so a caller with a valid token is counted by the token's subject (and tenant), apart from everyone else:
/// anonymous noise from the operator's address cannot use up the operator's budget. Anonymous callers (and invalid tokens)
/// are counted by client address, before authorization, so a flood of them is refused before it costs an audit row each.
/// Over the limit: 429 problem details with <c>Retry-After</c>, the seconds left in the window. Reads and health checks are
/// never limited.
/// </summary>
/// <remarks>
/// Windows are aligned on the clock (<see cref="TimeProvider"/>): the n-th window of every caller is [n·W, (n+1)·W), and the
/// window's index is part of the partition key, so the time left is exactly (n+1)·W − now. (A FixedWindowRateLimiter's own
/// RetryAfter metadata is always the whole window, however little of it is left.) A partition of a past window is never
/// used again; the partitioned limiter disposes it once it has been idle.
/// </remarks>
public static class WriteRateLimiting
{
    public const string Section = "RateLimiting:Writes";

    // Where the partitioner leaves the end of the request's window for the rejection to read.
    private static readonly object WindowEndKey = new();

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = int.TryParse(configuration[$"{Section}:PermitLimit"], CultureInfo.InvariantCulture, out var limit) ? limit : 600;
        var window = TimeSpan.TryParse(configuration[$"{Section}:Window"], CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : TimeSpan.FromMinutes(1);

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, WritePartition>(context =>
            {
                if (permits <= 0 || !IsWrite(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(WritePartition.Unlimited);
                }

                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var index = now.UtcTicks / window.Ticks;
                context.Items[WindowEndKey] = new DateTimeOffset((index + 1) * window.Ticks, TimeSpan.Zero);
                return RateLimitPartition.GetFixedWindowLimiter(WritePartition.Of(context, index),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellation) =>
            {
                var context = rejected.HttpContext;
                var left = context.Items[WindowEndKey] is DateTimeOffset end
                    ? end - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()
                    : window;
                context.Response.Headers.RetryAfter = RetryAfterSeconds(left).ToString(CultureInfo.InvariantCulture);
                await Results.Problem($"More than {permits} write requests in {window}; retry after the Retry-After delay.",
                        context.Request.Path, StatusCodes.Status429TooManyRequests, "Too many requests")
                    .ExecuteAsync(context);
            };
        });
        return services;
    }

    /// <summary>Whole seconds, rounded up so that a retry after them falls in the next window; at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan left) => Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Whose budget a write counts against, in which window: an authenticated subject (within its tenant), or else
    /// a client address.</summary>
    private readonly record struct WritePartition(string? Subject, string? Tenant, string? Address, long Window)
    {
        public static WritePartition Unlimited { get; } = new(null, null, null, -1);

        public static WritePartition Of(HttpContext context, long window) =>
            context.User.Identity?.IsAuthenticated == true && context.User.UserId() is { Length: > 0 } subject
                ? new WritePartition(subject, context.User.TenantId(), null, window)
                : new WritePartition(null, null, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", window);
    }
}
