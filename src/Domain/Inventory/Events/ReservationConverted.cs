namespace EventSourced.Domain.Inventory.Events;

/// <summary>The approval was granted: the reservation became <see cref="OrderId"/>.</summary>
public sealed record ReservationConverted(Guid ReservationId, Guid OrderId, DateTimeOffset ConvertedAt);
