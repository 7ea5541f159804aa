using System.Text.Json;
using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Json;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;

namespace EventSourced.Domain.Programs;

/// <summary>Program rules as pure functions. The template, group, campaigns and taken keys are looked up by the caller.</summary>
public static class ProgramDecisions
{
    public const string IllegalTransition = "Illegal status transition";
    public const string ArchivedCannotMigrate = "Archived programs cannot be migrated";
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="template">The template named by the command, or null if there is none.</param>
    /// <param name="group">The beneficiary group named by the command, or null if there is none.</param>
    /// <param name="takenKeys">Program keys already in use that start with the name's slug.</param>
    public static Decision Create(CreateProgram command, Guid programId, Template? template, BeneficiaryGroup? group,
        IReadOnlySet<string> takenKeys, DateTimeOffset now)
    {
        var errors = CreateProgramValidator.Instance.Validate(command).ToFieldErrors().ToList();
        if (command.TemplateId is { } templateId && templateId != Guid.Empty)
        {
            if (template is null)
            {
                errors.Add(ReferenceErrors.Missing("templateId", "template", templateId));
            }
            else if (template.Status != TemplateStatus.Active)
            {
                errors.Add(ReferenceErrors.NotActive("templateId", "template", templateId, WireNames.Of(template.Status),
                    "programs can only be created from active templates"));
            }
        }

        if (command.BeneficiaryGroupId is { } groupId && groupId != Guid.Empty && group is null)
        {
            errors.Add(ReferenceErrors.Missing("beneficiaryGroupId", "beneficiary group", groupId));
        }

        // Config errors are reported together with field errors whenever the template is usable, so one 400 lists everything.
        var overrides = command.ConfigOverrides?.Clone() ?? EmptyObject;
        var documentErrors = ConfigDocumentRules.Check(overrides, "configOverrides");
        errors.AddRange(documentErrors);
        var configErrors = template is { Status: TemplateStatus.Active } && overrides.ValueKind == JsonValueKind.Object && documentErrors.Count == 0
            ? ConfigValidation.Check(template.ConfigSchema,
                ConfigMerge.Resolve([new(ConfigLayer.Template(template.VersionNumber), template.DefaultConfig), new(ConfigLayer.Program, overrides)]))
            : [];
        if (ConfigValidation.Combine(errors, configErrors) is { } error)
        {
            return error;
        }

        var key = SlugFrom.FirstFree(ProgramRules.KeyBase(command.Name!), takenKeys);
        return Decision.Accept(new ProgramCreated(programId, key, command.Name!.Trim(), template!.Id, template.TemplateKey,
            template.VersionNumber, template.Category, group!.Id, template.DefaultConfig, overrides, Tags.Normalize(command.Tags),
            command.SdgGoals?.Order().ToArray() ?? [], now));
    }

    public static Decision ChangeStatus(ProgramState program, ChangeProgramStatus command, DateTimeOffset now)
    {
        var errors = ChangeProgramStatusValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        if (errors.Length > 0)
        {
            return DomainError.Validation(errors);
        }

        var target = Enum.Parse<ProgramStatus>(command.Status!, ignoreCase: true);
        if (target == program.Status)
        {
            return Decision.Accept(); // PUT is idempotent: asking for the current status changes nothing
        }

        if (!ProgramTransitions.IsAllowed(program.Status, target))
        {
            var allowed = ProgramTransitions.From(program.Status);
            return DomainError.Conflict(IllegalTransition,
                $"Program {program.Id} is {WireNames.Of(program.Status)} and cannot become {WireNames.Of(target)}; " +
                (allowed.Count == 0 ? "it is final." : $"it can become: {string.Join(", ", allowed.Select(WireNames.Of))}."));
        }

        return Decision.Accept(new ProgramStatusChanged(program.Id, program.Status, target, now,
            string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim()));
    }

    /// <param name="target">The template named by the command, or null if there is none.</param>
    /// <param name="campaigns">Every campaign of the program: each is re-validated and rebased with it.</param>
    public static Decision Migrate(ProgramState program, MigrateProgram command, Template? target, IReadOnlyCollection<CampaignState> campaigns,
        DateTimeOffset now)
    {
        if (program.Status == ProgramStatus.Archived)
        {
            return DomainError.Conflict(ArchivedCannotMigrate, $"Program {program.Id} is archived.");
        }

        var errors = MigrateProgramValidator.Instance.Validate(command).ToFieldErrors().ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(TargetErrors(program, command.TemplateId!.Value, target));
        }

        if (errors.Count > 0)
        {
            return DomainError.Validation(errors);
        }

        using var budget = ValidationBudget.Begin(); // one budget for the program and all its campaigns
        var configErrors = ConfigValidation.Check(target!.ConfigSchema,
                ConfigMerge.Resolve([new(ConfigLayer.Template(target.VersionNumber), target.DefaultConfig), new(ConfigLayer.Program, program.ConfigOverrides)]))
            .Concat(campaigns.OrderBy(c => c.Id).SelectMany(campaign => ConfigValidation.Check(target.ConfigSchema,
                ConfigMerge.Resolve(CampaignState.Layers(target.VersionNumber, target.DefaultConfig, program.ConfigOverrides, campaign.ConfigOverrides)),
                $"campaigns[{campaign.Id}].config")))
            .ToArray();
        if (configErrors.Length > 0)
        {
            return ConfigValidation.Error(configErrors);
        }

        return Decision.Accept(
            [
                new ProgramMigrated(program.Id, program.TemplateId, program.TemplateVersion, target.Id, target.VersionNumber, target.DefaultConfig,
                    program.ConfigOverrides, now),
                .. campaigns.Select(c => new CampaignRebased(c.Id, target.Id, target.VersionNumber, target.DefaultConfig, program.ConfigOverrides,
                    c.ConfigOverrides, now)),
            ]);
    }

    private static IEnumerable<FieldError> TargetErrors(ProgramState program, Guid targetId, Template? target)
    {
        if (target is null)
        {
            yield return ReferenceErrors.Missing("templateId", "template", targetId);
        }
        else if (target.TemplateKey != program.TemplateKey)
        {
            yield return new FieldError("templateId", $"must be a version of the program's template '{program.TemplateKey}', not '{target.TemplateKey}'", "templateKey");
        }
        else if (target.VersionNumber <= program.TemplateVersion)
        {
            yield return new FieldError("templateId", $"must be newer than the program's version {program.TemplateVersion} (it is version {target.VersionNumber})", "newerVersion");
        }
        else if (target.Status != TemplateStatus.Active)
        {
            yield return ReferenceErrors.NotActive("templateId", "template", targetId, WireNames.Of(target.Status), "programs can only migrate to active templates");
        }
        else if (target.Category != program.ProgramType)
        {
            // programType is what legacy enrollments are matched on (dual write): it never changes under a running program.
            yield return new FieldError("templateId",
                $"must keep the program's category '{program.ProgramType}' (version {target.VersionNumber} is '{target.Category}'); create a new program instead",
                "category");
        }
    }
}
