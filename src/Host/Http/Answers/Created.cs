using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>The answer of a creation: 201 with the Location, <typeparamref name="TView"/> and the new stream's <c>ETag</c>; 400
/// (invalid, with every offending field) or 409 (a unique value taken, or refused by the state of what it refers to).</summary>
public sealed class Created<TView> : IResult, IEndpointMetadataProvider
    where TView : class
{
    private readonly IResult _result;

    private Created(IResult result) => _result = result;

    internal static Created<TView> AtCommit(IResult created) => new(created);

    public static Created<TView> At(string location, TView view) => new(TypedResults.Created(location, view));

    public static implicit operator Created<TView>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TView>(builder, StatusCodes.Status201Created);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
    }
}
