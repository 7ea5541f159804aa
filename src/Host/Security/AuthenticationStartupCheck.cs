using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EventSourced.Host.Security;

/// <summary>
/// Stops the web host from starting without authentication where it must have it. A hosted service rather than a
/// check at build time, so the command line (db-apply, integrity, token…) still works with the same configuration.
/// </summary>
/// <remarks>
/// Two checks. Before the server starts: what the configuration decided (<see cref="AuthenticationMode.Decide"/>). After it
/// has bound (<see cref="StartedAsync"/>, which runs once every hosted service, the web server included, has started): the
/// addresses the server actually listens on, because Kestrel's own configuration (<c>Kestrel:Endpoints</c>) or code wins
/// over <c>urls</c>. Auth off "because loopback" with a listener beyond loopback makes the start fail, and the process exit
/// non-zero; <see cref="LoopbackOnlyGuard"/> refuses what arrives in between.
/// </remarks>
public sealed class AuthenticationStartupCheck(AuthenticationMode mode, IServer server, ILogger<AuthenticationStartupCheck> logger)
    : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.RefusedBecause is { } refused)
        {
            throw new InvalidOperationException(refused);
        }

        if (mode.OffBecause is not null && !mode.LoopbackOnly)
        {
            WarnOff();
        }
        else if (mode.Enabled)
        {
            // One line either way, so whoever starts the host knows which it is without sending a request.
            logger.LogInformation("Authentication is on: every API call needs a bearer token (docs/access.md); /health, /metrics, /docs and /openapi answer without one.");
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // A test server has no addresses; Kestrel always has some once started.
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (mode.RefusalFor(bound) is { } refused)
        {
            throw new InvalidOperationException(refused);
        }

        if (mode.LoopbackOnly)
        {
            WarnOff(); // only now that the listeners are known to be on loopback
        }

        return Task.CompletedTask;
    }

    private void WarnOff() => logger.LogWarning("Authentication is off: {Reason}. Every caller may do everything.", mode.OffBecause);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
