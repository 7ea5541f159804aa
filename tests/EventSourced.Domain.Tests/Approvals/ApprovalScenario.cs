using EventSourced.Domain.Approvals;
using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Tests.Campaigns;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>The three streams an approval decision reads: the campaign, its approval and the reservation held with it.</summary>
internal sealed record Workflow(CampaignState Campaign, ApprovalState Approval, ReservationState Reservation);

/// <summary>
/// Builders for the 90 % workflow (runbook 002): campaigns at a given probability, pending / approved / rejected approvals,
/// all folded from hand-written events so the tests of a decision do not depend on the other decisions.
/// </summary>
internal static class ApprovalScenario
{
    public static readonly DateTimeOffset Created = CampaignScenario.Created;
    public static readonly DateTimeOffset Requested = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstDecided = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = CampaignScenario.Now;

    public static readonly Guid CampaignId = Guid.Parse("6c0e5a52-1b7d-4c39-8f1e-2d3c4b5a6978");
    public static readonly Guid ApprovalId = Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001");
    public static readonly Guid ReservationId = Guid.Parse("b1b2c3d4-0000-4000-8000-000000000002");
    public static readonly Guid OrderId = Guid.Parse("c1b2c3d4-0000-4000-8000-000000000003");

    /// <summary>Seats a reservation holds: the campaign's maxEnrollment.</summary>
    public const int MaxEnrollment = 25;

    public const string Reviewer = "anna.reviewer@example.org";
    public const string FirstReviewer = "bob.first@example.org";
    public const string FirstReason = "Decided in the Monday review";

    public static Budget Eur25K => CampaignScenario.Eur25K;
    public static DateOnly Start => CampaignScenario.Start;
    public static DateOnly End => CampaignScenario.End;

    public static CampaignCreated CreatedEvent(Budget? budget) =>
        new(CampaignId, Guid.NewGuid(), CampaignScenario.CompanyId, "Acme Mentoring Q1", 20, MaxEnrollment, budget, Start, End,
            Guid.NewGuid(), 1, Json.Parse(CampaignScenario.Defaults), Json.Parse(CampaignScenario.ProgramOverrides), Json.Empty, Created);

    /// <summary>A campaign folded from <paramref name="events"/> through <see cref="CampaignState.Evolve"/>.</summary>
    public static CampaignState Given(params object[] events) =>
        events.Aggregate((CampaignState?)null, CampaignState.Evolve) ?? throw new InvalidOperationException("A campaign stream starts with CampaignCreated.");

    /// <summary>A campaign (25 seats, 25 000 EUR, Jan–Jun 2027) at <paramref name="probability"/>, never sent to approval.</summary>
    public static CampaignState Campaign(int probability) => Campaign(probability, Eur25K);

    public static CampaignState Campaign(int probability, Budget? budget) =>
        probability == 0
            ? Given(CreatedEvent(budget))
            : Given(CreatedEvent(budget), new CampaignProbabilityChanged(CampaignId, 0, probability, Created));

    /// <summary>A campaign that crossed from <paramref name="before"/> to <paramref name="after"/> and waits on approval <see cref="ApprovalId"/>.</summary>
    public static Workflow Pending(int before = 75, int after = 92) => Pending(before, after, Eur25K);

    public static Workflow Pending(int before, int after, Budget? budget)
    {
        var campaign = Given(
            CreatedEvent(budget),
            new CampaignProbabilityChanged(CampaignId, 0, before, Created),
            new CampaignProbabilityChanged(CampaignId, before, after, Requested),
            new CampaignApprovalRequested(CampaignId, ApprovalId, ReservationId, before, Requested));
        var approval = ApprovalState.From(new ApprovalRequested(ApprovalId, CampaignId, ReservationId, before, after, Requested));
        var reservation = ReservationState.From(new InventoryReserved(ReservationId, CampaignId, ApprovalId, MaxEnrollment, budget, Start, End, Requested));
        return new Workflow(campaign, approval, reservation);
    }

    /// <summary>The pending approval, approved by <see cref="FirstReviewer"/> at <see cref="FirstDecided"/>.</summary>
    public static Workflow Approved() => Fold(Pending(),
        new ApprovalApproved(ApprovalId, FirstReviewer, FirstReason, OrderId, FirstDecided),
        new ReservationConverted(ReservationId, OrderId, FirstDecided),
        new CampaignWon(CampaignId, ApprovalId, OrderId, FirstDecided));

    /// <summary>The pending approval (75 → 92), rejected by <see cref="FirstReviewer"/> at <see cref="FirstDecided"/>: the campaign is back at 75.</summary>
    public static Workflow Rejected() => Fold(Pending(),
        new ApprovalRejected(ApprovalId, FirstReviewer, FirstReason, FirstDecided),
        new ReservationReleased(ReservationId, $"approval {ApprovalId} rejected: {FirstReason}", FirstDecided),
        new CampaignApprovalRejected(CampaignId, ApprovalId, 75, FirstDecided));

    /// <summary>Each stream's state evolved by every event (each fold ignores the other streams' events).</summary>
    public static Workflow Fold(Workflow workflow, params IEnumerable<object> events) =>
        events.Aggregate(workflow, (w, e) => new Workflow(
            CampaignState.Evolve(w.Campaign, e)!,
            ApprovalState.Evolve(w.Approval, e)!,
            ReservationState.Evolve(w.Reservation, e)!));

    public static SetCampaignProbability Set(int? probability) => new(CampaignId, probability);

    /// <summary>The probability change, with <see cref="ApprovalId"/> and <see cref="ReservationId"/> for an approval it may open.</summary>
    public static Decision Change(CampaignState campaign, int? probability, bool workflowEnabled = true) =>
        ApprovalWorkflow.ChangeProbability(campaign, Set(probability), workflowEnabled, ApprovalId, ReservationId, Now);

    public static DecideApproval Approve(string? reason = "Budget confirmed by the client") =>
        new(ApprovalId, DecideApproval.Approve, $"  {Reviewer} ", reason);

    public static DecideApproval Reject(string? reason = "Client cut the budget") =>
        new(ApprovalId, DecideApproval.Reject, $"  {Reviewer} ", reason);

    /// <summary>The reviewer's decision, with <see cref="OrderId"/> for the order it may create.</summary>
    public static Decision Decide(Workflow workflow, DecideApproval command) =>
        ApprovalWorkflow.Decide(workflow.Approval, workflow.Campaign, workflow.Reservation, command, OrderId, Now);
}
