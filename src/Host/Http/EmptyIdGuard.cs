namespace EventSourced.Host.Http;

/// <summary>
/// No resource has the empty GUID as its id (Marten refuses it as a stream id, with an ArgumentOutOfRangeException that
/// would surface as a 500). A route id of <c>00000000-0000-0000-0000-000000000000</c> is answered here as what it is, an id
/// that names nothing: 404, as for any other id that exists nowhere.
/// </summary>
public sealed class EmptyIdGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetRouteValue("id") is string id && Guid.TryParse(id, out var guid) && guid == Guid.Empty)
        {
            return Results.Problem($"Nothing has the id {id}.", context.Request.Path, StatusCodes.Status404NotFound, "Not found")
                .ExecuteAsync(context);
        }

        return next(context);
    }
}
