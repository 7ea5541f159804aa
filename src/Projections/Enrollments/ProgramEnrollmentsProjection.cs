using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

namespace EventSourced.Projections.Enrollments;

/// <summary>Projects enrollment events into <c>program_enrollments</c> (inline, plain SQL).</summary>
public sealed class ProgramEnrollmentsProjection : ReadTableProjection
{
    public const string ProjectionName = ProgramEnrollmentsTable.Name;

    public ProgramEnrollmentsProjection(string schema)
        : base(ProgramEnrollmentsTable.Define(schema))
    {
        IncludeType<EnrollmentCreated>();
        IncludeType<EnrollmentLinkedToProgram>();
        IncludeType<EnrollmentStatusChanged>();
        IncludeType<EnrollmentUnlinked>();
    }

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        EnrollmentCreated c => Insert(e, c.EnrollmentId, ("user_id", c.UserId), ("company_id", c.CompanyId), ("program_type", c.ProgramType),
            ("program_id", c.ProgramId), ("campaign_id", c.CampaignId), ("beneficiary_group_id", c.BeneficiaryGroupId),
            ("source_system", c.SourceSystem), ("external_event_id", c.ExternalEventId), ("status", WireNames.Of(EnrollmentStatus.Active)),
            ("occurred_at", c.OccurredAt), ("created_at", c.CreatedAt), ("updated_at", c.CreatedAt)),
        EnrollmentLinkedToProgram l => Update(e, l.EnrollmentId, ("program_id", l.ProgramId), ("program_type", l.ProgramType),
            ("beneficiary_group_id", l.BeneficiaryGroupId), ("campaign_id", l.CampaignId), ("updated_at", l.LinkedAt)),
        EnrollmentUnlinked { UnlinksProgram: true } u => Update(e, u.EnrollmentId, ("program_id", null), ("campaign_id", null),
            ("beneficiary_group_id", null), ("updated_at", u.UnlinkedAt)),
        EnrollmentUnlinked u => Update(e, u.EnrollmentId, ("campaign_id", null), ("updated_at", u.UnlinkedAt)),
        EnrollmentStatusChanged s => Update(e, s.EnrollmentId, ("status", WireNames.Of(s.To)), ("updated_at", s.ChangedAt)),
        _ => null,
    };
}
