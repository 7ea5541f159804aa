using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.IntegrationTests.Approvals;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary><c>dangling-reservation</c>: a reservation still held after its approval was rejected is released.</summary>
public sealed class DanglingReservationRepairTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_reservation_held_after_its_rejection_is_reported_and_released()
    {
        var workflow = await db.DanglingReservationAsync("dangling");
        (await db.RowAsync($"select status from inventory_reservations where id = '{workflow.Reservation}'"))["status"].ShouldBe("reserved");

        var finding = (await db.CheckAsync()).Finding(FindingKinds.DanglingReservation, workflow.Reservation);
        finding.Detail.ShouldContain($"approval {workflow.Approval} was rejected");

        await db.ShouldCompensateAsync(FindingKinds.DanglingReservation, workflow.Reservation, typeof(ReservationReleased), typeof(RepairRecorded));

        var row = await db.RowAsync($"select status, release_reason, order_id from inventory_reservations where id = '{workflow.Reservation}'");
        row["status"].ShouldBe("released");
        row["release_reason"].ShouldBe($"repair by {CompensationFlow.OperatorId}: {CompensationFlow.Reason}");
        row["order_id"].ShouldBeNull();
    }
}
