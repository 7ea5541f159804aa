using System.Text.Json;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Json;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates;

namespace EventSourced.Domain.Campaigns;

/// <summary>Campaign rules as pure functions: details, the program it deploys, and the three-layer configuration.</summary>
public static class CampaignDecisions
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="program">The program named by the command, or null if there is none.</param>
    /// <param name="template">The template the program is pinned to (for its schema).</param>
    public static Decision Create(CreateCampaign command, Guid campaignId, ProgramState? program, Template? template, DateTimeOffset now)
    {
        if (program is not null && template is null)
        {
            // Programs are only created from existing templates and templates are never deleted: this is a caller bug.
            throw new ArgumentNullException(nameof(template), $"The template of program {program.Id} ({program.TemplateId}) must be supplied.");
        }

        var errors = CreateCampaignValidator.Instance.Validate(command).ToFieldErrors()
            .Concat(CampaignDetailsValidator.Instance.Validate(command.Details).ToFieldErrors())
            .ToList();
        if (command.ProgramId is { } programId && programId != Guid.Empty)
        {
            if (program is null)
            {
                errors.Add(ReferenceErrors.Missing("programId", "program", programId));
            }
            else if (program.Status != ProgramStatus.Active)
            {
                errors.Add(ReferenceErrors.NotActive("programId", "program", programId, WireNames.Of(program.Status),
                    "campaigns can only deploy active programs"));
            }
        }

        var overrides = command.ConfigOverrides?.Clone() ?? EmptyObject;
        var documentErrors = ConfigDocumentRules.Check(overrides, "configOverrides");
        errors.AddRange(documentErrors);
        var configErrors = program is { Status: ProgramStatus.Active } && overrides.ValueKind == JsonValueKind.Object && documentErrors.Count == 0
            ? CheckConfig(template!, program.TemplateVersion, program.TemplateDefaults, program.ConfigOverrides, overrides)
            : [];
        if (ConfigValidation.Combine(errors, configErrors) is { } error)
        {
            return error;
        }

        return Decision.Accept(
            new CampaignCreated(campaignId, program!.Id, command.CompanyId!.Value, command.Name!.Trim(), command.TargetEnrollment!.Value,
                command.MaxEnrollment!.Value, command.Budget, command.StartDate, command.EndDate, program.TemplateId, program.TemplateVersion,
                program.TemplateDefaults, program.ConfigOverrides, overrides, now),
            new CampaignDeployed(program.Id, campaignId, command.CompanyId.Value, now));
    }

    public const string InventoryLocked = "Campaign inventory is locked";

    /// <param name="template">The template the campaign's configuration is pinned to (for its schema).</param>
    public static Decision Update(CampaignState campaign, UpdateCampaign command, Template template, DateTimeOffset now)
    {
        if (campaign.ApprovalStatus is Approvals.ApprovalStatus.Pending or Approvals.ApprovalStatus.Approved && ChangesReservedInventory(campaign, command))
        {
            // The reservation (and then the order) holds seats = maxEnrollment, the budget and the dates as they were.
            return DomainError.Conflict(InventoryLocked,
                $"Campaign {campaign.Id} has a {(campaign.ApprovalStatus == Approvals.ApprovalStatus.Pending ? "pending" : "granted")} approval; " +
                "maxEnrollment, budget, startDate and endDate can no longer change.");
        }

        var details = new CampaignDetails(command.Name ?? campaign.Name, command.TargetEnrollment ?? campaign.TargetEnrollment,
            command.MaxEnrollment ?? campaign.MaxEnrollment, command.Budget ?? campaign.Budget, command.StartDate ?? campaign.StartDate,
            command.EndDate ?? campaign.EndDate, command.ConfigOverrides?.Clone() ?? campaign.ConfigOverrides);
        var documentErrors = ConfigDocumentRules.Check(command.ConfigOverrides, "configOverrides");
        var errors = CampaignDetailsValidator.Instance.Validate(details).ToFieldErrors().Concat(documentErrors).ToArray();
        var configErrors = details.ConfigOverrides is { ValueKind: JsonValueKind.Object } overrides && documentErrors.Count == 0
            ? CheckConfig(template, campaign.TemplateVersion, campaign.TemplateDefaults, campaign.ProgramOverrides, overrides)
            : [];
        if (ConfigValidation.Combine(errors, configErrors) is { } error)
        {
            return error;
        }

        return Decision.Accept(new CampaignUpdated(campaign.Id, details.Name!.Trim(), details.TargetEnrollment!.Value, details.MaxEnrollment!.Value,
            details.Budget, details.StartDate, details.EndDate, campaign.TemplateVersion, campaign.TemplateDefaults, campaign.ProgramOverrides,
            details.ConfigOverrides!.Value, now));
    }

    private static bool ChangesReservedInventory(CampaignState campaign, UpdateCampaign command) =>
        (command.MaxEnrollment is { } max && max != campaign.MaxEnrollment)
        || (command.Budget is { } budget && budget != campaign.Budget)
        || (command.StartDate is { } start && start != campaign.StartDate)
        || (command.EndDate is { } end && end != campaign.EndDate);

    private static IReadOnlyList<FieldError> CheckConfig(Template template, int templateVersion, JsonElement templateDefaults,
        JsonElement programOverrides, JsonElement campaignOverrides) =>
        ConfigValidation.Check(template.ConfigSchema,
            ConfigMerge.Resolve(CampaignState.Layers(templateVersion, templateDefaults, programOverrides, campaignOverrides)));
}
