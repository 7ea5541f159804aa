namespace EventSourced.Host.Security;

/// <summary>
/// Stops the web host from starting without authentication where it must have it. A hosted service rather than a
/// check at build time, so the command line (db-apply, integrity, token…) still works with the same configuration.
/// </summary>
public sealed class AuthenticationStartupCheck(AuthenticationMode mode, ILogger<AuthenticationStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.RefusedBecause is { } refused)
        {
            throw new InvalidOperationException(refused);
        }

        if (mode.OffBecause is { } off)
        {
            logger.LogWarning("Authentication is off: {Reason}. Every caller may do everything.", off);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
