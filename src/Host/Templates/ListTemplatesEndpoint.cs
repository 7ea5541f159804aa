using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ListTemplatesEndpoint
{
    /// <summary>Templates from <c>program_templates</c>, optionally filtered: <c>?category=mentorship&amp;status=active</c>.</summary>
    [WolverineGet("/templates")]
    public static Task<Listed<TemplateView>> Get(string? category, string? status, IQuerySession session, CancellationToken cancellation) =>
        Listed<TemplateView>.OfAsync(session.ListAsync(Query.Optional(category), Query.OptionalStatus(status), cancellation));
}
