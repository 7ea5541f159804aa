namespace EventSourced.Domain.Approvals.Events;

/// <summary>The reviewer rejected: the campaign's probability goes back and the reservation is released.</summary>
public sealed record ApprovalRejected(Guid ApprovalId, string ReviewerId, string? Reason, DateTimeOffset DecidedAt);
