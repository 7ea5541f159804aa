using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Privacy.Events;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Retention.Events;
using EventSourced.Domain.Templates.Events;
using System.Globalization;

namespace EventSourced.Projections.History;

/// <summary>One readable line per stored event, for the history: what changed, in the runbooks' words.</summary>
public static class EventSummaries
{
    public static string Of(object e) => e switch
    {
        TemplateCreated t => $"Template '{t.TemplateKey}' version {t.Version} created as a draft: {t.Name}",
        TemplateUpdated t => $"Template edited: {t.Name} ({t.Category})",
        TemplatePublished => "Template published",
        TemplateDeprecated t => $"Template deprecated by version {t.DeprecatedBy}",
        TemplateArchived => "Template archived",
        BeneficiaryGroupCreated g => $"Beneficiary group created: {g.Name}",
        BeneficiaryGroupUpdated g => $"Beneficiary group edited: {g.Name}",
        ProgramCreated p => $"Program '{p.ProgramKey}' created from template '{p.TemplateKey}' version {p.TemplateVersion}: {p.Name}",
        ProgramStatusChanged p => $"Program status changed from {Lower(p.From)} to {Lower(p.To)}{Reason(p.Reason)}",
        ProgramMigrated p => $"Program migrated from template version {p.FromTemplateVersion} to version {p.ToTemplateVersion}",
        CampaignDeployed c => $"Campaign {c.CampaignId} deployed on the program",
        CampaignCreated c => $"Campaign created: {c.Name}, {c.TargetEnrollment} of at most {c.MaxEnrollment} enrollments{Budget(c.Budget)}",
        CampaignUpdated c => $"Campaign edited: {c.Name}, {c.TargetEnrollment} of at most {c.MaxEnrollment} enrollments{Budget(c.Budget)}",
        CampaignRebased c => $"Campaign moved to template version {c.TemplateVersion}",
        CampaignProbabilityChanged c => $"Probability changed from {c.From} % to {c.To} %",
        CampaignApprovalRequested c => $"Approval {c.ApprovalId} requested (90 % reached)",
        CampaignWon c => $"Campaign won: approval {c.ApprovalId} approved, order {c.OrderId}",
        CampaignApprovalRejected c => $"Approval {c.ApprovalId} rejected: probability restored to {c.ProbabilityRestored} %",
        ApprovalRequested a => $"Approval requested: probability {a.ProbabilityBefore} % → {a.ProbabilityAfter} %",
        ApprovalApproved a => $"Approved by {a.ReviewerId}{Reason(a.Reason)}; order {a.OrderId}",
        ApprovalRejected a => $"Rejected by {a.ReviewerId}{Reason(a.Reason)}",
        InventoryReserved r => $"{r.Seats} seats reserved{Budget(r.Budget)}",
        ReservationConverted r => $"Reservation converted into order {r.OrderId}",
        ReservationReleased r => $"Reservation released: {r.Reason}",
        OrderCreated o => $"Order created for {o.Seats} seats{Budget(o.Amount)}",
        EnrollmentCreated n => $"Enrolled from {n.SourceSystem} event '{n.ExternalEventId}' ({n.ProgramType}{(n.ProgramId is { } p ? $", program {p}" : ", no program")})",
        EnrollmentLinkedToProgram n => $"Linked to program {n.ProgramId}",
        EnrollmentStatusChanged n => $"Status changed from {Lower(n.From)} to {Lower(n.To)}",
        EnrollmentUnlinked => "Unlinked from a program or campaign that does not exist",
        RepairRecorded r => $"Repaired by {r.OperatorId} ({r.Finding}): {r.Reason}",
        StreamsArchived a => $"{a.Approvals} approval(s) decided before {a.DecidedBefore:yyyy-MM-dd} archived by {a.OperatorId}: {a.Reason}",
        PersonalDataErased p => $"A person's data erased by {p.OperatorId} ({p.EnrollmentsErased} enrollment(s)): {p.Reason}",
        EventQuarantined q => $"Event {q.Sequence} ({q.EventType}) quarantined by {q.OperatorId}: {q.Reason}",
        _ => e.GetType().Name,
    };

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}";

    private static string Budget(Budget? budget) =>
        budget is null ? "" : string.Create(CultureInfo.InvariantCulture, $", budget {budget.Amount:0.##} {budget.Currency}");
}
