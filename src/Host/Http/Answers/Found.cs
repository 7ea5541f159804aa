using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>The answer of a read of one resource: 200 with <typeparamref name="TView"/> (and its <c>ETag</c>), or 404.</summary>
public sealed class Found<TView> : IResult, IEndpointMetadataProvider
{
    private readonly IResult _result;

    private Found(IResult result) => _result = result;

    public static Found<TView> Ok(TView view) => new(TypedResults.Ok(view));

    public static implicit operator Found<TView>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TView>(builder, StatusCodes.Status200OK);
        ResponseMetadata.Problems(builder, StatusCodes.Status404NotFound);
    }
}
