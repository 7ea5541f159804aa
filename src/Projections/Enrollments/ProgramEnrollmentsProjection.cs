using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

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

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case EnrollmentCreated c:
                Insert(operations, e,
                    "id, user_id, company_id, program_type, program_id, campaign_id, beneficiary_group_id, source_system, external_event_id, " +
                    "status, occurred_at, created_at, updated_at",
                    "?, ?, ?::uuid, ?, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?",
                    c.EnrollmentId, c.UserId, c.CompanyId!, c.ProgramType, c.ProgramId!, c.CampaignId!, c.BeneficiaryGroupId!, c.SourceSystem,
                    c.ExternalEventId, EnrollmentDecisions.Name(EnrollmentStatus.Active), c.OccurredAt, c.CreatedAt, c.CreatedAt);
                break;
            case EnrollmentLinkedToProgram l:
                Update(operations, e, l.EnrollmentId, "program_id = ?, program_type = ?, beneficiary_group_id = ?, campaign_id = ?::uuid, updated_at = ?",
                    l.ProgramId, l.ProgramType, l.BeneficiaryGroupId, l.CampaignId!, l.LinkedAt);
                break;
            case EnrollmentUnlinked u when u.UnlinksProgram:
                Update(operations, e, u.EnrollmentId, "program_id = null, campaign_id = null, beneficiary_group_id = null, updated_at = ?", u.UnlinkedAt);
                break;
            case EnrollmentUnlinked u:
                Update(operations, e, u.EnrollmentId, "campaign_id = null, updated_at = ?", u.UnlinkedAt);
                break;
            case EnrollmentStatusChanged s:
                Update(operations, e, s.EnrollmentId, "status = ?, updated_at = ?", EnrollmentDecisions.Name(s.To), s.ChangedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
