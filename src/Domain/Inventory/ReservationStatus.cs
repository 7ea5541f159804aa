namespace EventSourced.Domain.Inventory;

/// <summary>reserved → converted (into an order) | released.</summary>
public enum ReservationStatus
{
    Reserved,
    Converted,
    Released,
}
