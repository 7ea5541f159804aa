using System.Globalization;
using System.Threading.RateLimiting;

namespace EventSourced.Host.Http;

/// <summary>
/// ASP.NET Core's rate limiter on write requests (POST, PUT, PATCH, DELETE): a fixed window per client address,
/// <c>RateLimiting:Writes:PermitLimit</c> requests per <c>RateLimiting:Writes:Window</c> (default 600 per minute;
/// <c>PermitLimit</c> 0 turns it off). Over the limit: 429 problem details with <c>Retry-After</c>. Reads and health
/// checks are never limited.
/// </summary>
public static class WriteRateLimiting
{
    public const string Section = "RateLimiting:Writes";

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = int.TryParse(configuration[$"{Section}:PermitLimit"], CultureInfo.InvariantCulture, out var limit) ? limit : 600;
        var window = TimeSpan.TryParse(configuration[$"{Section}:Window"], CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : TimeSpan.FromMinutes(1);

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                permits <= 0 || !IsWrite(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellation) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem($"More than {permits} write requests in {window}; retry after the Retry-After delay.",
                        rejected.HttpContext.Request.Path, StatusCodes.Status429TooManyRequests, "Too many requests")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
