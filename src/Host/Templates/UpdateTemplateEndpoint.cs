using System.Text.Json;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Templates;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.Templates;

/// <summary>The editable fields of a draft; those left out keep their value.</summary>
public sealed record UpdateTemplateRequest(string? Name, string? Description, string? Category, JsonElement? DefaultConfig, JsonElement? ConfigSchema);

[Tags("Templates")]
public static class UpdateTemplateEndpoint
{
    /// <summary>Edits a draft (runbook 000, "Template Versioning" step 2). Non-drafts: 400 "Only draft templates can be updated".</summary>
    [WolverinePut("/templates/{id}")]
    public static (Changed<TemplateView>, Events) Put(Guid id, UpdateTemplateRequest? request, [WriteAggregate("id", Required = false)] IEventStream<Template> stream,
        IDocumentSession session, TimeProvider clock, HttpContext context) =>
        request is null
            ? (DomainProblems.MissingBody(context), [])
            : AggregateWrites.Decide(context, session, id, stream, "Template",
                (template, expected) => TemplateDecisions.Update(template,
                    new UpdateTemplate(id, request.Name, request.Description, request.Category, request.DefaultConfig, request.ConfigSchema)
                        { ExpectedVersion = expected }, clock.GetUtcNow()),
                TemplateQueries.FindTemplateAsync);
}
