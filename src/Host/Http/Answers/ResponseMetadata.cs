using System.Net.Mime;
using Microsoft.AspNetCore.Mvc;

namespace EventSourced.Host.Http.Answers;

/// <summary>The responses an answer type documents: the view as JSON, problems as <c>application/problem+json</c> (a 400 with
/// the field errors of <see cref="ValidationProblemDetails"/>, the others plain <see cref="ProblemDetails"/>).</summary>
internal static class ResponseMetadata
{
    public static void View<TView>(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeAttribute(typeof(TView), status, MediaTypeNames.Application.Json));

    public static void Problems(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            var type = status == StatusCodes.Status400BadRequest ? typeof(ValidationProblemDetails) : typeof(ProblemDetails);
            builder.Metadata.Add(new ProducesResponseTypeAttribute(type, status, MediaTypeNames.Application.ProblemJson));
        }
    }
}
