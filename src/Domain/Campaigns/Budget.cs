namespace EventSourced.Domain.Campaigns;

/// <summary>An amount of money in an ISO 4217 currency (e.g. 25000.00 EUR).</summary>
public sealed record Budget(decimal Amount, string Currency);
