namespace EventSourced.Domain.Inventory.Events;

/// <summary>The approval was rejected: the seats and budget are free again.</summary>
public sealed record ReservationReleased(Guid ReservationId, string Reason, DateTimeOffset ReleasedAt);
