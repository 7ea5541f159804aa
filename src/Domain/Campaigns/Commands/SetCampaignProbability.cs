using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Campaigns.Commands;

/// <summary>Sets the sales probability (0–100). Crossing from below 90 to 90 or more opens the approval workflow.</summary>
public sealed record SetCampaignProbability(Guid CampaignId, int? Probability) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}

public sealed class SetCampaignProbabilityValidator : CommandValidator<SetCampaignProbability>
{
    public static SetCampaignProbabilityValidator Instance { get; } = new();

    public SetCampaignProbabilityValidator() => RuleFor(c => c.Probability).NotNull().InclusiveBetween(0, 100);
}
