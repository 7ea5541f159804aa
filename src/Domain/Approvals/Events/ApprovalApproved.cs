namespace EventSourced.Domain.Approvals.Events;

/// <summary>The reviewer approved: the campaign is won and an order replaces the reservation.</summary>
public sealed record ApprovalApproved(Guid ApprovalId, string ReviewerId, string? Reason, Guid OrderId, DateTimeOffset DecidedAt);
