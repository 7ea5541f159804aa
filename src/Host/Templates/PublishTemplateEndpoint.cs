using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Templates;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Host.OpenApi;
using EventSourced.Projections.Templates;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Templates;

/// <summary><c>{"deprecatePrevious": true}</c> deprecates the key's older active versions in the same transaction.</summary>
public sealed record PublishTemplateRequest(bool DeprecatePrevious);

[Tags("Templates")]
public static class PublishTemplateEndpoint
{
    /// <summary>Makes a draft active (runbook 000). Non-drafts: 400 "Only draft templates can be published".
    /// The body may be omitted (then <c>deprecatePrevious</c> is false).</summary>
    [OpenApiRequestBody(typeof(PublishTemplateRequest), Required = false)]
    [WolverinePost("/templates/{id}/publish")]
    public static async Task<Changed<TemplateView>> Post(Guid id, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        var request = await OptionalBody.ReadAsync<PublishTemplateRequest>(context, cancellation);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var command = new PublishTemplate(id, request.Value?.DeprecatePrevious ?? false) { ExpectedVersion = expectedVersion };
        return await session.OkAtCommitAsync(context, id, TemplateQueries.FindTemplateAsync,
            () => TemplateHandler.Handle(command, session, clock, cancellation), cancellation);
    }
}
