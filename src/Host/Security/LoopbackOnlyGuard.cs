namespace EventSourced.Host.Security;

/// <summary>
/// With authentication off because the host should listen on loopback only, refuses (403 problem details) any request that
/// arrived on another local address. <see cref="AuthenticationStartupCheck"/> stops such a host once the server has bound;
/// this closes the moment between binding and that check. Connections without an IP address (Unix sockets, a test server)
/// are local and pass.
/// </summary>
public sealed class LoopbackOnlyGuard(RequestDelegate next, AuthenticationMode mode)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (mode.LoopbackOnly && context.Connection.LocalIpAddress is { } local && !ServerUrl.IsLoopback(local))
        {
            await Results.Problem(
                    $"Authentication is off because this host may only listen on loopback, and this request arrived on {local}. " +
                    $"Set {AuthenticationSettings.Section}:SigningKey or {AuthenticationSettings.Section}:Authority to serve beyond loopback.",
                    context.Request.Path, StatusCodes.Status403Forbidden, "Forbidden")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
