using System.Net.Mime;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.Templates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

[Tags("Templates")]
public static class ArchiveTemplateEndpoint
{
    /// <summary>Retires a template from any status but archived (archived again: 409).</summary>
    [ProducesResponseType<TemplateView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/templates/{id}/archive")]
    public static async Task<IResult> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        if (await NoBody.RefuseAnyAsync(context, cancellation) is { } refused)
        {
            return refused;
        }

        return await session.OkAtCommitAsync(context, id, TemplateQueries.FindTemplateAsync,
            () => TemplateHandler.Handle(new ArchiveTemplate(id) { ExpectedVersion = expectedVersion }, session, clock, cancellation), cancellation);
    }
}
