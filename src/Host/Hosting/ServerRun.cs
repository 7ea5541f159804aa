namespace EventSourced.Host.Hosting;

/// <summary>
/// Runs the server when the arguments carry <c>--urls</c>, <c>--http_ports</c> or <c>--https_ports</c>. JasperFx's command
/// line does not parse those: it runs the host itself and then exits 0 even when the host failed to start (a refused start
/// looked like success to systemd, Docker or a script). Here a failed start exits 1.
/// </summary>
public static class ServerRun
{
    public const int Failed = 1;

    // The arguments for which JasperFx's RunJasperFxCommands bypasses its own command line (compared the same way).
    private static readonly string[] BypassFlags = ["--urls", "--http_ports", "--https_ports"];

    public static bool Matches(string[] args) => args.Any(arg => BypassFlags.Contains(arg, StringComparer.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex)
        {
            // The host has logged the failure; this line also reaches an operator whose log level hides it.
            await Console.Error.WriteLineAsync($"The host did not start: {ex.Message}");
            return Failed;
        }
    }
}
