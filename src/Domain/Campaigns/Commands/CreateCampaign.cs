using System.Text.Json;
using EventSourced.Domain.Common;

namespace EventSourced.Domain.Campaigns.Commands;

/// <summary>Deploys an active program for a company (runbook 000, "Creating a Company Campaign").</summary>
public sealed record CreateCampaign(
    Guid? ProgramId,
    Guid? CompanyId,
    string? Name,
    int? TargetEnrollment,
    int? MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement? ConfigOverrides)
{
    public CampaignDetails Details => new(Name, TargetEnrollment, MaxEnrollment, Budget, StartDate, EndDate, ConfigOverrides);
}

public sealed class CreateCampaignValidator : CommandValidator<CreateCampaign>
{
    public static CreateCampaignValidator Instance { get; } = new();

    public CreateCampaignValidator()
    {
        RuleFor(c => c.ProgramId).NotEmptyId();
        RuleFor(c => c.CompanyId).NotEmptyId();
    }
}
