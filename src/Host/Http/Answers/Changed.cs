using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventSourced.Host.Http.Answers;

/// <summary>
/// The answer of a command on an existing resource: 200 with <typeparamref name="TView"/> as the command's commit left it (and
/// the new <c>ETag</c>); 400 (invalid, with every offending field), 404, 409 (refused by the current state, or a race lost), 412
/// (<c>If-Match</c> names a version the stream has moved past).
/// </summary>
public sealed class Changed<TView> : IResult, IEndpointMetadataProvider
    where TView : class
{
    private readonly IResult _result;

    private Changed(IResult result) => _result = result;

    /// <summary>200 with the row read inside the commit (<see cref="ViewAtCommit{TView,TState}"/>, <see cref="RowAtCommit{TView}"/>).</summary>
    internal static Changed<TView> AtCommit(IResult rowAtCommit) => new(rowAtCommit);

    public static Changed<TView> Ok(TView view) => new(TypedResults.Ok(view));

    public static implicit operator Changed<TView>(Problem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ResponseMetadata.View<TView>(builder, StatusCodes.Status200OK);
        ResponseMetadata.Problems(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
            StatusCodes.Status412PreconditionFailed);
    }
}
