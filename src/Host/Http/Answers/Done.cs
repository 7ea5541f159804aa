using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>The answer of an operation on no single resource (an erasure): 200 with what it did (<typeparamref name="TReport"/>),
/// or 400 naming what is missing.</summary>
public sealed class Done<TReport> : IResult, IEndpointMetadataProvider
{
    private readonly IResult _result;

    private Done(IResult result) => _result = result;

    public static Done<TReport> Ok(TReport report) => new(TypedResults.Ok(report));

    public static implicit operator Done<TReport>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TReport>(builder, StatusCodes.Status200OK);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest);
    }
}
