namespace EventSourced.Host.Http.Answers;

/// <summary>
/// A problem-details answer (400, 404, 409, 412). Which of them an endpoint can give is stated by its answer type
/// (<see cref="Found{TView}"/>, <see cref="Changed{TView}"/>, <see cref="Created{TView}"/>…), from which the OpenAPI document
/// is built.
/// </summary>
public sealed class Problem(IResult result) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => result.ExecuteAsync(httpContext);
}
