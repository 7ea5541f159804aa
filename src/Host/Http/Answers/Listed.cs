using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>The answer of a list: 200 with the rows (<typeparamref name="TView"/>), or 400 when a filter cannot be read (a
/// malformed id or date in the query string).</summary>
public sealed class Listed<TView> : IResult, IEndpointMetadataProvider
{
    private readonly IReadOnlyList<TView> _rows;

    private Listed(IReadOnlyList<TView> rows) => _rows = rows;

    public static async Task<Listed<TView>> OfAsync(Task<IReadOnlyList<TView>> rows) => new(await rows);

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Ok(_rows).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<IReadOnlyList<TView>>(builder, StatusCodes.Status200OK);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest);
    }
}
