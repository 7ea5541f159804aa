namespace EventSourced.Host.Security;

/// <summary>Whether the API requires tokens, and why; or why the host must not start.</summary>
public sealed record AuthenticationMode(bool Enabled, string? OffBecause, string? RefusedBecause)
{
    public static AuthenticationMode On { get; } = new(true, null, null);

    public static AuthenticationMode Off(string because) => new(false, because, null);

    public static AuthenticationMode Refused(string because) => new(false, null, because);

    /// <summary>On with keys; off when told to, or on loopback with the embedded database; otherwise refused.</summary>
    public static AuthenticationMode Decide(AuthenticationSettings settings, bool embeddedDatabase, IReadOnlyList<string> urls)
    {
        if (settings.Problem() is { } problem)
        {
            return Refused(problem);
        }

        if (settings.HasKeys)
        {
            return On;
        }

        if (settings.Disabled)
        {
            return Off("Authentication:Disabled is true");
        }

        if (embeddedDatabase && urls.All(ServerUrl.IsLoopback))
        {
            return Off("the host listens on loopback only and runs its embedded database");
        }

        return Refused(
            $"Authentication is required: the host {(embeddedDatabase ? "listens beyond loopback" : "uses a configured database")} but no token " +
            $"keys are configured. Set {AuthenticationSettings.Section}:SigningKey (HS256, ≥ {AuthenticationSettings.MinimumKeyBytes} bytes) or " +
            $"{AuthenticationSettings.Section}:Authority, or {AuthenticationSettings.Section}:Disabled=true behind a gateway that authenticates.");
    }
}
