using System.Text;

namespace EventSourced.Host.Security;

/// <summary>
/// The <c>Authentication</c> configuration section. Either a shared <see cref="SigningKey"/> (HS256, at least 32 bytes)
/// or an OpenID Connect <see cref="Authority"/> whose published keys sign the tokens turns JWT bearer authentication on.
/// </summary>
public sealed class AuthenticationSettings
{
    public const string Section = "Authentication";

    /// <summary>The smallest key HS256 accepts (256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Shared secret for HS256 tokens (e.g. those the host's own <c>token</c> command mints).</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect issuer (e.g. https://login.example.com/realms/ops); its signing keys are fetched from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>When set, tokens must carry this <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Turns authentication off explicitly (behind a gateway that authenticates, or in tests). Never the default
    /// off loopback.</summary>
    public bool Disabled { get; set; }

    /// <summary>Also records granted requests in <c>authorization_audit</c> (one insert per request; off by default).</summary>
    public bool AuditGranted { get; set; }

    public bool HasKeys => !string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(Authority);

    public byte[] SigningKeyBytes() => Encoding.UTF8.GetBytes(SigningKey ?? "");

    public static AuthenticationSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthenticationSettings>() ?? new();

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Problem() =>
        !string.IsNullOrWhiteSpace(SigningKey) && SigningKeyBytes().Length < MinimumKeyBytes
            ? $"{Section}:SigningKey must be at least {MinimumKeyBytes} bytes (HS256); generate one with `openssl rand -base64 32`."
            : null;
}
