using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Approvals;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// Builders for the compensating repairs: the broken workflow states the integrity check finds (each folded from the
/// events that were appended, without the ones that went missing), the operator's <see cref="Repair"/>, and the
/// decisions called with fixed ids and <see cref="Now"/>.
/// </summary>
internal static class RepairScenario
{
    /// <summary>The operator as typed on the command line, padded: the events record it trimmed.</summary>
    public const string PaddedOperator = "  ops.oncall@example.org \t";

    public const string Operator = "ops.oncall@example.org";

    public const string PaddedReason = " Integrity check 2026-11-23 flagged it \n";

    public const string Reason = "Integrity check 2026-11-23 flagged it";

    /// <summary>Ids for the approval and reservation a <see cref="RepairDecisions.RequestApproval"/> opens.</summary>
    public static readonly Guid NewApprovalId = Guid.Parse("d1b2c3d4-0000-4000-8000-000000000004");

    public static readonly Guid NewReservationId = Guid.Parse("e1b2c3d4-0000-4000-8000-000000000005");

    public static Repair ValidRepair => new(PaddedOperator, PaddedReason);

    /// <summary>
    /// Approval <see cref="ApprovalScenario.ApprovalId"/> was rejected and the campaign restored to 75, but the reservation's
    /// ReservationReleased was never appended: it is still held.
    /// </summary>
    public static Workflow DanglingReservation() => Fold(Pending(75, 92),
        new ApprovalRejected(ApprovalId, FirstReviewer, FirstReason, FirstDecided),
        new CampaignApprovalRejected(CampaignId, ApprovalId, 75, FirstDecided));

    /// <summary>
    /// Approval <see cref="ApprovalScenario.ApprovalId"/> was approved (naming order <see cref="ApprovalScenario.OrderId"/>) but
    /// nothing else was appended: no order, the reservation still held, the campaign still pending.
    /// </summary>
    public static Workflow ApprovedWithoutOrder() =>
        Fold(Pending(75, 92), new ApprovalApproved(ApprovalId, FirstReviewer, FirstReason, OrderId, FirstDecided));

    /// <summary>As <see cref="ApprovedWithoutOrder"/>, but the reservation was converted.</summary>
    public static Workflow ApprovedWithConvertedReservation() =>
        Fold(ApprovedWithoutOrder(), new ReservationConverted(ReservationId, OrderId, FirstDecided));

    /// <summary>As <see cref="ApprovedWithoutOrder"/>, but the campaign was won.</summary>
    public static Workflow ApprovedWithWonCampaign() =>
        Fold(ApprovedWithoutOrder(), new CampaignWon(CampaignId, ApprovalId, OrderId, FirstDecided));

    /// <summary>A campaign that went from <paramref name="before"/> to <paramref name="after"/> while the 90 % workflow was off: no approval.</summary>
    public static CampaignState CrossedWithoutApproval(int before = 75, int after = 92) => ApprovalScenario.Given(
        CreatedEvent(Eur25K),
        new CampaignProbabilityChanged(CampaignId, 0, before, Created),
        new CampaignProbabilityChanged(CampaignId, before, after, Requested));

    public static Decision Release(Workflow workflow, Repair? repair = null) =>
        RepairDecisions.ReleaseReservation(workflow.Reservation, workflow.Approval, new ReleaseDanglingReservation(ReservationId, repair ?? ValidRepair),
            Now);

    public static Decision CreateOrder(Workflow workflow, bool orderExists = false, Repair? repair = null) =>
        RepairDecisions.CreateOrder(workflow.Approval, workflow.Reservation, workflow.Campaign, orderExists,
            new CreateMissingOrder(ApprovalId, repair ?? ValidRepair), Now);

    public static Decision RequestApproval(CampaignState campaign, Repair? repair = null) =>
        RepairDecisions.RequestApproval(campaign, new RequestMissingApproval(campaign.Id, repair ?? ValidRepair), NewApprovalId, NewReservationId, Now);

    public static RepairRecorded Recorded(Guid streamId, string finding) => new(streamId, finding, Reason, Operator, Now);

    /// <summary>The state after every event of <paramref name="events"/>, folded with <paramref name="evolve"/>.</summary>
    public static T Folded<T>(T state, IEnumerable<object> events, Func<T?, object, T?> evolve)
        where T : class =>
        events.Aggregate(state, (s, e) => evolve(s, e) ?? throw new InvalidOperationException($"{e.GetType().Name} ended the {typeof(T).Name}."));
}
