using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates.Events;

namespace EventSourced.Projections.History;

/// <summary>A kind of resource whose stream has a history: named as in its problem details, recognised by the namespace of
/// the event that starts its streams (so <c>/templates/{id}/history</c> never shows a campaign's stream).</summary>
public sealed record HistoryResource(string Name, string EventNamespace)
{
    public static readonly HistoryResource Template = Of<TemplateCreated>("Template");
    public static readonly HistoryResource Program = Of<ProgramCreated>("Program");
    public static readonly HistoryResource Campaign = Of<CampaignCreated>("Campaign");
    public static readonly HistoryResource Approval = Of<ApprovalRequested>("Approval");
    public static readonly HistoryResource Enrollment = Of<EnrollmentCreated>("Enrollment");
    public static readonly HistoryResource BeneficiaryGroup = Of<BeneficiaryGroupCreated>("Beneficiary group");

    /// <summary>Whether a stream that starts with <paramref name="firstEvent"/> is one of these.</summary>
    public bool Starts(object firstEvent) => firstEvent.GetType().Namespace == EventNamespace;

    private static HistoryResource Of<TFirst>(string name) => new(name, typeof(TFirst).Namespace!);
}
