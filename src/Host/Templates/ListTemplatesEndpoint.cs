using System.Net.Mime;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ListTemplatesEndpoint
{
    /// <summary>Templates from <c>program_templates</c>, optionally filtered: <c>?category=mentorship&amp;status=active</c>.</summary>
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [WolverineGet("/templates")]
    public static Task<IReadOnlyList<TemplateView>> Get(string? category, string? status, IQuerySession session, CancellationToken cancellation) =>
        session.ListAsync(Query.Optional(category), Query.OptionalStatus(status), cancellation);
}
