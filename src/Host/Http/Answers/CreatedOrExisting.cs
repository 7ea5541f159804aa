using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>The answer of an idempotent creation (an enrollment keyed by the producer's event id): 201 when created, 200 with what
/// the same request created before; 400 (invalid) or 409 (refused by the current state).</summary>
public sealed class CreatedOrExisting<TView> : IResult, IEndpointMetadataProvider
    where TView : class
{
    private readonly IResult _result;

    private CreatedOrExisting(IResult result) => _result = result;

    public static CreatedOrExisting<TView> Created(string location, TView view) => new(TypedResults.Created(location, view));

    public static CreatedOrExisting<TView> Existing(TView view) => new(TypedResults.Ok(view));

    public static implicit operator CreatedOrExisting<TView>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TView>(builder, StatusCodes.Status201Created);
        ResponseMetadata.View<TView>(builder, StatusCodes.Status200OK);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
    }
}
