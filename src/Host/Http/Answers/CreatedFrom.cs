using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>A creation from an existing resource (the next version of a template): as <see cref="Created{TView}"/>, and 404 when
/// the source does not exist.</summary>
public sealed class CreatedFrom<TView> : IResult, IEndpointMetadataProvider
    where TView : class
{
    private readonly IResult _result;

    private CreatedFrom(IResult result) => _result = result;

    internal static CreatedFrom<TView> AtCommit(IResult created) => new(created);

    public static implicit operator CreatedFrom<TView>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TView>(builder, StatusCodes.Status201Created);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }
}
