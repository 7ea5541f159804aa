using System.Globalization;

namespace EventSourced.Host.Http;

/// <summary>
/// The largest request body the host reads: <c>Http:RequestBody:MaxBytes</c>, default 1 MiB, enforced by
/// <see cref="JsonBodyGuard"/> and as Kestrel's own limit. Each configuration document in a body has its own, smaller limit
/// (<see cref="Domain.Json.ConfigDocumentRules.MaxBytes"/>), so a valid template always fits.
/// </summary>
public sealed record RequestBodyLimits(long MaxBytes)
{
    public const string Section = "Http:RequestBody";
    public const long DefaultMaxBytes = 1024 * 1024;

    public static RequestBodyLimits From(IConfiguration configuration) =>
        new(long.TryParse(configuration[$"{Section}:MaxBytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max > 0
            ? max
            : DefaultMaxBytes);
}
