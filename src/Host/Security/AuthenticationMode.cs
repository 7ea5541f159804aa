namespace EventSourced.Host.Security;

/// <summary>Whether the API requires tokens, and why; or why the host must not start.</summary>
/// <param name="LoopbackOnly">Off only because the host listens on loopback with its embedded database: it must then serve
/// nothing beyond loopback, whatever configured its listeners (see <see cref="RefusalFor"/> and <see cref="LoopbackOnlyGuard"/>).</param>
public sealed record AuthenticationMode(bool Enabled, string? OffBecause, string? RefusedBecause, bool LoopbackOnly = false)
{
    public static AuthenticationMode On { get; } = new(true, null, null);

    public static AuthenticationMode Off(string because) => new(false, because, null);

    public static AuthenticationMode OffOnLoopback(string because) => new(false, because, null, LoopbackOnly: true);

    public static AuthenticationMode Refused(string because) => new(false, null, because);

    /// <summary>On with keys; off when told to, or on loopback with the embedded database; otherwise refused.</summary>
    /// <param name="urls">The addresses the configuration asks for (<see cref="ServerUrl.Configured"/>); the addresses actually
    /// bound are checked again once the server listens (<see cref="RefusalFor"/>).</param>
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
            return OffOnLoopback("the host listens on loopback only and runs its embedded database");
        }

        var beyond = urls.Where(url => !ServerUrl.IsLoopback(url)).ToArray();
        return Refused(KeysRequired(embeddedDatabase ? $"listens beyond loopback ({string.Join(", ", beyond)})" : "uses a configured database"));
    }

    /// <summary>Why a host whose authentication is off for loopback must stop, now that it listens on
    /// <paramref name="boundAddresses"/> (the server's own list, e.g. <c>http://0.0.0.0:8080</c>); null when it may go on.</summary>
    public string? RefusalFor(IEnumerable<string> boundAddresses)
    {
        if (!LoopbackOnly)
        {
            return null;
        }

        var beyond = boundAddresses.Where(address => !ServerUrl.IsLoopback(address)).ToArray();
        return beyond.Length == 0 ? null : KeysRequired($"listens beyond loopback ({string.Join(", ", beyond)})");
    }

    private static string KeysRequired(string situation) =>
        $"Authentication is required: the host {situation} but no token keys are configured. Set " +
        $"{AuthenticationSettings.Section}:SigningKey (HS256, ≥ {AuthenticationSettings.MinimumKeyBytes} bytes) or " +
        $"{AuthenticationSettings.Section}:Authority, or {AuthenticationSettings.Section}:Disabled=true behind a gateway that authenticates.";
}
