using EventSourced.Domain.Programs.Commands;
using EventSourced.Handlers.Programs;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.Programs;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Programs;

/// <summary><c>{"templateId": "…"}</c>: a newer, active version of the program's template key.</summary>
public sealed record MigrateProgramRequest(Guid? TemplateId);

[Tags("Programs")]
public static class MigrateProgramEndpoint
{
    /// <summary>Re-merges and re-validates the program's overrides and every campaign's against the new template version,
    /// then migrates them all in one transaction, or refuses with every validation error.</summary>
    [WolverinePost("/programs/{id}/migrate")]
    public static async Task<Changed<ProgramView>> Post(Guid id, MigrateProgramRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        return request is null
            ? DomainProblems.MissingBody(context)
            : await session.OkAtCommitAsync(context, id, ProgramQueries.FindProgramAsync,
                () => ProgramHandler.Handle(new MigrateProgram(id, request.TemplateId) { ExpectedVersion = expectedVersion }, session, clock, cancellation), cancellation);
    }
}
