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
                operations.QueueSqlCommand(
                    $"insert into {TableName} (id, user_id, company_id, program_type, program_id, campaign_id, beneficiary_group_id, source_system, " +
                    "external_event_id, status, occurred_at, created_at, updated_at) values (?, ?, ?::uuid, ?, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?)",
                    c.EnrollmentId, c.UserId, c.CompanyId!, c.ProgramType, c.ProgramId!, c.CampaignId!, c.BeneficiaryGroupId!, c.SourceSystem,
                    c.ExternalEventId, EnrollmentDecisions.Name(EnrollmentStatus.Active), c.OccurredAt, c.CreatedAt, c.CreatedAt);
                break;
            case EnrollmentLinkedToProgram l:
                operations.QueueSqlCommand(
                    $"update {TableName} set program_id = ?, program_type = ?, beneficiary_group_id = ?, campaign_id = ?::uuid, updated_at = ? where id = ?",
                    l.ProgramId, l.ProgramType, l.BeneficiaryGroupId, l.CampaignId!, l.LinkedAt, l.EnrollmentId);
                break;
            case EnrollmentUnlinked u when u.UnlinksProgram:
                operations.QueueSqlCommand(
                    $"update {TableName} set program_id = null, campaign_id = null, beneficiary_group_id = null, updated_at = ? where id = ?",
                    u.UnlinkedAt, u.EnrollmentId);
                break;
            case EnrollmentUnlinked u:
                operations.QueueSqlCommand($"update {TableName} set campaign_id = null, updated_at = ? where id = ?", u.UnlinkedAt, u.EnrollmentId);
                break;
            case EnrollmentStatusChanged s:
                operations.QueueSqlCommand($"update {TableName} set status = ?, updated_at = ? where id = ?",
                    EnrollmentDecisions.Name(s.To), s.ChangedAt, s.EnrollmentId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
