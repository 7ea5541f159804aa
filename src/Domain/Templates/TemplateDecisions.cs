using System.Text.Json;
using EventSourced.Domain.Common;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Domain.Templates;

/// <summary>
/// Every rule of the template lifecycle, as pure functions: state and command in, events or a domain error out.
/// Facts that live outside the stream (other versions of the key) are passed in by the caller.
/// </summary>
public static class TemplateDecisions
{
    public const string OnlyDraftsCanBePublished = "Only draft templates can be published";
    public const string OnlyDraftsCanBeUpdated = "Only draft templates can be updated";
    public const string DraftsCannotBeVersioned = "A draft template cannot be versioned";
    public const string AlreadyArchived = "Template is already archived";
    public const string TemplateKeyTaken = "Template key already exists";

    /// <param name="latestVersionOfKey">The highest existing version of the command's key, or null if the key is new.</param>
    public static Decision Create(CreateTemplate command, Guid templateId, int? latestVersionOfKey, DateTimeOffset now)
    {
        var errors = CreateTemplateValidator.Instance.Validate(command).ToFieldErrors()
            .Concat(TemplateContentRules.Check(command.DefaultConfig, command.ConfigSchema))
            .ToList();
        if (errors.Count > 0)
        {
            return DomainError.Validation(errors);
        }

        if (latestVersionOfKey is { } latest)
        {
            return DomainError.Conflict(TemplateKeyTaken,
                $"Template key '{command.TemplateKey}' already exists (latest version {latest}); " +
                "create a new version from an existing one with POST /templates/{id}/versions.");
        }

        return Decision.Accept(new TemplateCreated(templateId, command.TemplateKey!, 1, command.Name!, command.Description,
            command.Category!, command.DefaultConfig!.Value.Clone(), command.ConfigSchema!.Value.Clone(), PreviousVersionId: null, now));
    }

    public static Decision Update(Template template, UpdateTemplate command, DateTimeOffset now)
    {
        if (template.Status != TemplateStatus.Draft)
        {
            return DomainError.Invalid(OnlyDraftsCanBeUpdated,
                $"Template {template.Id} is {Describe(template.Status)}; create a new version to change it.");
        }

        // The merged content must hold together: new defaults against the (possibly new) schema, and the reverse.
        var defaultConfig = command.DefaultConfig?.Clone() ?? template.DefaultConfig;
        var configSchema = command.ConfigSchema?.Clone() ?? template.ConfigSchema;
        var errors = UpdateTemplateValidator.Instance.Validate(command).ToFieldErrors()
            .Concat(TemplateContentRules.Check(defaultConfig, configSchema))
            .ToList();
        if (errors.Count > 0)
        {
            return DomainError.Validation(errors);
        }

        return Decision.Accept(new TemplateUpdated(template.Id, command.Name ?? template.Name,
            command.Description ?? template.Description, command.Category ?? template.Category, defaultConfig, configSchema, now));
    }

    /// <param name="otherVersions">The other versions of the same key; active ones older than this draft are deprecated on request.</param>
    public static Decision Publish(Template template, PublishTemplate command, IReadOnlyCollection<Template> otherVersions, DateTimeOffset now)
    {
        if (template.Status != TemplateStatus.Draft)
        {
            return DomainError.Invalid(OnlyDraftsCanBePublished,
                $"Template {template.Id} is {Describe(template.Status)}. {AdviceForPublishing(template.Status)}");
        }

        var events = new List<object> { new TemplatePublished(template.Id, now) };
        if (command.DeprecatePrevious)
        {
            events.AddRange(otherVersions
                .Where(other => other.TemplateKey == template.TemplateKey
                    && other.Status == TemplateStatus.Active
                    && other.VersionNumber < template.VersionNumber)
                .OrderBy(other => other.VersionNumber)
                .Select(other => new TemplateDeprecated(other.Id, template.Id, now)));
        }

        return Decision.Accept(events);
    }

    /// <summary>A new draft version from an active, deprecated or archived one. From an archived version it is the way back for a
    /// key whose versions are all archived (the key cannot be created again: its versions keep it); the archived one stays
    /// archived.</summary>
    /// <param name="latestVersionOfKey">The highest existing version of the source's key (the new draft gets the next one).</param>
    public static Decision CreateVersion(Template source, Guid newTemplateId, int latestVersionOfKey, DateTimeOffset now)
    {
        if (source.Status == TemplateStatus.Draft)
        {
            return DomainError.Invalid(DraftsCannotBeVersioned,
                $"Template {source.Id} is a draft. Edit the draft with PUT /templates/{{id}} instead.");
        }

        var next = Math.Max(latestVersionOfKey, source.VersionNumber) + 1;
        return Decision.Accept(new TemplateCreated(newTemplateId, source.TemplateKey, next, source.Name, source.Description,
            source.Category, source.DefaultConfig, source.ConfigSchema, PreviousVersionId: source.Id, now));
    }

    public static Decision Archive(Template template, DateTimeOffset now) =>
        template.Status == TemplateStatus.Archived
            ? DomainError.Conflict(AlreadyArchived, $"Template {template.Id} was archived at {template.UpdatedAt:O}.")
            : Decision.Accept(new TemplateArchived(template.Id, now));

    private static string Describe(TemplateStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    // The runbook's "Template Cannot Be Published" resolutions, so the error tells the caller what to do.
    private static string AdviceForPublishing(TemplateStatus status) => status switch
    {
        TemplateStatus.Active => "It is already published.",
        TemplateStatus.Deprecated => "Create a new version instead (POST /templates/{id}/versions).",
        _ => "Archived templates cannot be published; create a new version from it (POST /templates/{id}/versions).",
    };
}
