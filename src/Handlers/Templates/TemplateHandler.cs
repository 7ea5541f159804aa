using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Domain.Templates.Events;
using EventSourced.Handlers.Commands;
using EventSourced.Projections.Templates;
using JasperFx.Events;
using Marten;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Templates;

/// <summary>
/// Template command handlers: load the streams, call the pure decision, append. Wolverine discovers them as message
/// handlers and commits the session once (<c>bus.InvokeAsync&lt;CommandResult&gt;(new PublishTemplate(id, true))</c>); a
/// caller holding its own session commits it (<c>session.CommitAsync(result, cancellation)</c>, <see cref="SessionCommits"/>).
/// </summary>
[Transactional]
public static class TemplateHandler
{
    public static async Task<CommandResult> Handle(CreateTemplate command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var id = Guid.CreateVersion7();
        var latest = Slug.IsValid(command.TemplateKey) ? await session.LatestVersionOfKeyAsync(command.TemplateKey!, cancellation) : null;
        var decision = TemplateDecisions.Create(command, id, latest, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(id, error);
        }

        session.Events.StartStream<Template>(id, [.. decision.Events]);
        return CommandResult.Accepted(id).AtVersion(decision.Events.Count);
    }

    public static Task<CommandResult> Handle(UpdateTemplate command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<Template>(command.TemplateId, "Template", template => TemplateDecisions.Update(template, command, clock.GetUtcNow()), cancellation, command.ExpectedVersion);

    public static Task<CommandResult> Handle(ArchiveTemplate command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation) =>
        session.DecideAsync<Template>(command.TemplateId, "Template", template => TemplateDecisions.Archive(template, clock.GetUtcNow()), cancellation, command.ExpectedVersion);

    public static async Task<CommandResult> Handle(PublishTemplate command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var (draft, refusal) = await session.FetchForWritingAsync<Template>(command.TemplateId, command.ExpectedVersion, cancellation);
        if (refusal is not null)
        {
            return CommandResult.Rejected(command.TemplateId, refusal);
        }

        if (draft?.Aggregate is not { } template)
        {
            return CommandResult.Rejected(command.TemplateId, DomainError.NotFound("Template", command.TemplateId));
        }

        // Every stream the decision may touch is fetched for writing, so its version is checked at commit too.
        var streams = new Dictionary<Guid, IEventStream<Template>> { [template.Id] = draft };
        if (command.DeprecatePrevious)
        {
            foreach (var otherId in await session.ActiveVersionIdsOfKeyAsync(template.TemplateKey, template.Id, cancellation))
            {
                streams[otherId] = await session.Events.FetchForWriting<Template>(otherId, cancellation);
            }
        }

        var others = streams.Values.Select(s => s.Aggregate).OfType<Template>().Where(t => t.Id != template.Id).ToArray();
        var decision = TemplateDecisions.Publish(template, command, others, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(template.Id, error);
        }

        foreach (var e in decision.Events.Cast<ITemplateEvent>())
        {
            streams[e.TemplateId].AppendOne(e);
        }

        return CommandResult.Accepted(template.Id).AtVersion(draft.CurrentVersion);
    }

    public static async Task<CommandResult> Handle(CreateTemplateVersion command, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var source = await session.Events.FetchForWriting<Template>(command.SourceTemplateId, cancellation);
        if (source.Aggregate is not { } template)
        {
            return CommandResult.Rejected(command.SourceTemplateId, DomainError.NotFound("Template", command.SourceTemplateId));
        }

        var id = Guid.CreateVersion7();
        var latest = await session.LatestVersionOfKeyAsync(template.TemplateKey, cancellation) ?? template.VersionNumber;
        var decision = TemplateDecisions.CreateVersion(template, id, latest, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(template.Id, error);
        }

        // Two concurrent "create version" calls compute the same number; the unique (template_key, version) index
        // of the inline projection rejects the second, events and all.
        session.Events.StartStream<Template>(id, [.. decision.Events]);
        return CommandResult.Accepted(id).AtVersion(decision.Events.Count);
    }
}
