using EventSourced.Domain.Common;
using System.Text.Json;

namespace EventSourced.Domain.Campaigns.Commands;

/// <summary>Edits a campaign's name, targets, budget, dates or overrides; fields left null keep their value.
/// The result is re-validated as a whole, configuration included. <see cref="Probability"/>, when given, is applied
/// as <see cref="SetCampaignProbability"/> in the same transaction.</summary>
public sealed record UpdateCampaign(
    Guid CampaignId,
    string? Name,
    int? TargetEnrollment,
    int? MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement? ConfigOverrides,
    int? Probability = null) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>True when a field other than the probability is being changed.</summary>
    public bool ChangesDetails =>
        Name is not null || TargetEnrollment is not null || MaxEnrollment is not null || Budget is not null || StartDate is not null
        || EndDate is not null || ConfigOverrides is not null;
}
