using EventSourced.Domain.Enrollments;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Programs;
using EventSourced.Projections.ReadTables;
using Marten;

namespace EventSourced.Projections.Enrollments;

/// <summary>Reads of <c>program_enrollments</c>, and the facts the program lookup needs from <c>programs</c> and
/// <c>program_campaigns</c>.</summary>
public static class EnrollmentQueries
{
    private const string ViewJson =
        "jsonb_build_object('id', id, 'userId', user_id, 'companyId', company_id, 'programType', program_type, 'programId', program_id, " +
        "'campaignId', campaign_id, 'beneficiaryGroupId', beneficiary_group_id, 'sourceSystem', source_system, " +
        "'externalEventId', external_event_id, 'status', status, 'occurredAt', occurred_at, 'createdAt', created_at, 'updatedAt', updated_at)::text";

    public static Task<IReadOnlyList<EnrollmentView>> ListEnrollmentsAsync(this IQuerySession session, string? userId, Guid? programId, string? status,
        CancellationToken cancellation = default) =>
        session.ViewsAsync<EnrollmentView>(
            $"select {ViewJson} from {session.Table(ProgramEnrollmentsTable.Name)} where tenant_id = ? " +
            "and (?::text is null or user_id = ?::text) and (?::uuid is null or program_id = ?::uuid) and (?::text is null or status = ?::text) " +
            "order by created_at, id",
            cancellation, session.TenantId, userId!, userId!, programId!, programId!, status!, status!);

    public static async Task<EnrollmentView?> FindEnrollmentAsync(this IQuerySession session, Guid id, CancellationToken cancellation = default) =>
        (await session.ViewsAsync<EnrollmentView>($"select {ViewJson} from {session.Table(ProgramEnrollmentsTable.Name)} where tenant_id = ? and id = ?", cancellation, session.TenantId, id))
        .SingleOrDefault();

    public static async Task<Guid?> ActiveEnrollmentInProgramAsync(this IQuerySession session, string userId, Guid programId,
        CancellationToken cancellation = default) =>
        (await session.AdvancedSql.QueryAsync<Guid>(
            $"select id from {session.Table(ProgramEnrollmentsTable.Name)} where tenant_id = ? and user_id = ? and program_id = ? and status = 'active'",
            cancellation, session.TenantId, userId, programId)).Cast<Guid?>().FirstOrDefault();

    public static async Task<IReadOnlyList<ActiveProgram>> ActiveProgramsOfTypeAsync(this IQuerySession session, string programType,
        CancellationToken cancellation = default) =>
        await session.ViewsAsync<ActiveProgram>(
            "select jsonb_build_object('programId', id, 'programType', program_type, 'beneficiaryGroupId', beneficiary_group_id, 'createdAt', created_at)::text " +
            $"from {session.Table(ProgramsTable.Name)} where tenant_id = ? and program_type = ? and status = 'active'",
            cancellation, session.TenantId, programType);

    public static async Task<IReadOnlyList<CompanyCampaign>> CampaignsOfCompanyAsync(this IQuerySession session, Guid companyId,
        CancellationToken cancellation = default) =>
        await session.ViewsAsync<CompanyCampaign>(
            "select jsonb_build_object('campaignId', id, 'programId', program_id, 'companyId', company_id, 'status', status, 'createdAt', created_at)::text " +
            $"from {session.Table(ProgramCampaignsTable.Name)} where tenant_id = ? and company_id = ?",
            cancellation, session.TenantId, companyId);

    /// <summary>How many enrollments have a program.</summary>
    public static async Task<long> LinkedEnrollmentCountAsync(this IQuerySession session, CancellationToken cancellation = default) =>
        (await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {session.Table(ProgramEnrollmentsTable.Name)} where tenant_id = ? and program_id is not null",
            cancellation, session.TenantId)).Single();

    /// <summary>Legacy enrollments (no program) with the facts a backfill needs to find theirs.</summary>
    public static async Task<IReadOnlyList<LegacyEnrollment>> LegacyEnrollmentsAsync(this IQuerySession session, CancellationToken cancellation = default) =>
        await session.ViewsAsync<LegacyEnrollment>(
            "select jsonb_build_object('enrollmentId', id, 'userId', user_id, 'companyId', company_id, 'programType', program_type)::text " +
            $"from {session.Table(ProgramEnrollmentsTable.Name)} where tenant_id = ? and program_id is null order by created_at, id",
            cancellation, session.TenantId);
}

/// <summary>An enrollment created without program context.</summary>
public sealed record LegacyEnrollment(Guid EnrollmentId, string UserId, Guid? CompanyId, string ProgramType);
