using System.Text.Json;
using EventSourced.Domain.Common;
using FluentValidation;

namespace EventSourced.Domain.Campaigns;

/// <summary>A campaign's editable details as they will be after a create or an update; validated as a whole so that
/// rules across fields (target ≤ max, end after start) hold whichever field changed.</summary>
public sealed record CampaignDetails(
    string? Name,
    int? TargetEnrollment,
    int? MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement? ConfigOverrides);

public sealed class CampaignDetailsValidator : CommandValidator<CampaignDetails>
{
    public const int NameMaxLength = 200;

    // Campaign dates are business dates; the extremes of DateOnly would be stored by PostgreSQL as ±infinity.
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    public static CampaignDetailsValidator Instance { get; } = new();

    private const string CurrencyMessage = "'Budget.Currency' must be an active ISO 4217 currency code such as EUR, USD or JPY; '{PropertyValue}' is not one.";

    public CampaignDetailsValidator()
    {
        RuleFor(d => d.Name).NotEmpty().MaximumLength(NameMaxLength);
        RuleFor(d => d.TargetEnrollment).NotNull().GreaterThan(0);
        RuleFor(d => d.MaxEnrollment).NotNull().GreaterThan(0);
        RuleFor(d => d.TargetEnrollment).LessThanOrEqualTo(d => d.MaxEnrollment)
            .WithMessage("'{PropertyName}' must not exceed maxEnrollment ({ComparisonValue}).")
            .When(d => d.TargetEnrollment > 0 && d.MaxEnrollment > 0);
        RuleFor(d => d.Budget!.Amount).GreaterThanOrEqualTo(0).OverridePropertyName("Budget.Amount").When(d => d.Budget is not null);
        // The shape first (its message for "eur" or "euro"), then membership: three capitals are not yet a currency (ZZZ).
        RuleFor(d => d.Budget!.Currency).Cascade(CascadeMode.Stop).NotNull().Matches("^[A-Z]{3}$").WithMessage(CurrencyMessage)
            .Must(IsoCurrencies.IsActive).WithMessage(CurrencyMessage)
            .OverridePropertyName("Budget.Currency").When(d => d.Budget is not null);
        RuleFor(d => d.StartDate).InclusiveBetween(EarliestDate, LatestDate).When(d => d.StartDate is not null);
        RuleFor(d => d.EndDate).InclusiveBetween(EarliestDate, LatestDate).When(d => d.EndDate is not null);
        RuleFor(d => d.EndDate).GreaterThan(d => d.StartDate)
            .WithMessage("'{PropertyName}' must be after startDate ({ComparisonValue}).")
            .When(d => d.StartDate is not null && d.EndDate is not null);
        RuleFor(d => d.ConfigOverrides).MustBeJsonObject().When(d => d.ConfigOverrides is not null);
    }
}
