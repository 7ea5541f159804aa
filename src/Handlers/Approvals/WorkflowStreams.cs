using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Repairs.Events;
using JasperFx.Events;
using Marten;

namespace EventSourced.Handlers.Approvals;

/// <summary>
/// The streams one workflow decision touches, fetched for writing (so each is version-checked at commit), and the
/// routing of the decided events to them. New streams (approval, reservation, order) are started here. Public for the
/// compensating repairs (EventSourced.Operations), which append to the same streams the same way.
/// </summary>
public sealed class WorkflowStreams(IDocumentSession session, IEventStream<CampaignState> campaign)
{
    public IEventStream<CampaignState> Campaign { get; } = campaign;

    public IEventStream<ApprovalState>? Approval { get; init; }

    public IEventStream<ReservationState>? Reservation { get; init; }

    public void Append(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case CampaignProbabilityChanged or CampaignApprovalRequested or CampaignWon or CampaignApprovalRejected or CampaignUpdated:
                    Campaign.AppendOne(e);
                    break;
                case ApprovalRequested requested:
                    session.Events.StartStream<ApprovalState>(requested.ApprovalId, requested);
                    break;
                case InventoryReserved reserved:
                    session.Events.StartStream<ReservationState>(reserved.ReservationId, reserved);
                    break;
                case OrderCreated order:
                    session.Events.StartStream(order.OrderId, order);
                    break;
                case ApprovalApproved or ApprovalRejected:
                    Required(Approval, e).AppendOne(e);
                    break;
                case ReservationConverted or ReservationReleased:
                    Required(Reservation, e).AppendOne(e);
                    break;
                case RepairRecorded repair:
                    AppendTo(repair.StreamId, e);
                    break;
                default:
                    throw new InvalidOperationException($"The workflow decided an event it has no stream for: {e.GetType().Name}.");
            }
        }
    }

    // The audit event of a repair goes to whichever fetched stream it names.
    private void AppendTo(Guid streamId, object e)
    {
        if (streamId == Campaign.Id)
        {
            Campaign.AppendOne(e);
        }
        else if (streamId == Approval?.Id)
        {
            Approval.AppendOne(e);
        }
        else if (streamId == Reservation?.Id)
        {
            Reservation.AppendOne(e);
        }
        else
        {
            throw new InvalidOperationException($"A repair was recorded on stream {streamId}, which this workflow decision did not fetch.");
        }
    }

    private static T Required<T>(T? stream, object e)
        where T : class =>
        stream ?? throw new InvalidOperationException($"{e.GetType().Name} needs a stream that was not fetched.");
}
