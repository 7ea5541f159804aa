using System.Net.Mime;
using System.Text.Json;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

/// <summary>The editable fields of a draft; those left out keep their value.</summary>
public sealed record UpdateTemplateRequest(string? Name, string? Description, string? Category, JsonElement? DefaultConfig, JsonElement? ConfigSchema);

[Tags("Templates")]
public static class UpdateTemplateEndpoint
{
    /// <summary>Edits a draft (runbook 000, "Template Versioning" step 2). Non-drafts: 400 "Only draft templates can be updated".</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/templates/{id}")]
    public static async Task<IResult> Put(Guid id, UpdateTemplateRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        if (request is null)
        {
            return DomainProblems.MissingBody(context);
        }

        var command = new UpdateTemplate(id, request.Name, request.Description, request.Category, request.DefaultConfig, request.ConfigSchema) { ExpectedVersion = expectedVersion };
        return await session.OkAtCommitAsync(context, id, TemplateQueries.FindTemplateAsync,
            () => TemplateHandler.Handle(command, session, clock, cancellation), cancellation);
    }
}
