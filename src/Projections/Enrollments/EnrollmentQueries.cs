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

    /// <summary>
    /// The facts <see cref="ProgramLookup.Find"/> needs, narrowed in SQL to the only rows that can win: the oldest active
    /// program of <paramref name="programType"/>, and the oldest enrollable campaign of <paramref name="companyId"/> on an
    /// active program of that type (with its program). The domain rule still decides between them; the database no longer
    /// ships every active program and every campaign of the company for each enrollment, so the cost does not grow with them.
    /// </summary>
    public static async Task<ProgramCandidates> ProgramCandidatesAsync(this IQuerySession session, string programType, Guid? companyId,
        CancellationToken cancellation = default)
    {
        var programs = session.Table(ProgramsTable.Name);
        var campaigns = session.Table(ProgramCampaignsTable.Name);
        const string program = "'programId', a.id, 'programType', a.program_type, 'beneficiaryGroupId', a.beneficiary_group_id, 'createdAt', a.created_at";
        // Two index-driven top-1 queries: the oldest active program of the type (ix_programs_lookup), and the company's
        // campaigns (a handful, ix_program_campaigns_company) joined to their programs by key.
        var rows = await session.ViewsAsync<ProgramCandidate>(
            $"(select jsonb_build_object({program})::text from {programs} a " +
            "where a.tenant_id = ? and a.program_type = ? and a.status = 'active' order by a.created_at, a.id limit 1) " +
            "union all " +
            $"(select jsonb_build_object({program}, 'campaign', jsonb_build_object('campaignId', c.id, 'programId', c.program_id, " +
            "'companyId', c.company_id, 'status', c.status, 'createdAt', c.created_at))::text " +
            $"from {campaigns} c join {programs} a on a.tenant_id = c.tenant_id and a.id = c.program_id " +
            "where c.tenant_id = ? and c.company_id = ?::uuid and c.status = any(?) and a.program_type = ? and a.status = 'active' " +
            "order by c.created_at, c.id limit 1)",
            cancellation, session.TenantId, programType, session.TenantId, companyId!, ProgramLookup.EnrollableCampaignStatuses.ToArray(), programType);
        return new ProgramCandidates(
            rows.Select(r => new ActiveProgram(r.ProgramId, r.ProgramType, r.BeneficiaryGroupId, r.CreatedAt)).ToArray(),
            rows.Where(r => r.Campaign is not null).Select(r => r.Campaign!).ToArray());
    }

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

/// <summary>What <see cref="ProgramLookup.Find"/> chooses from.</summary>
public sealed record ProgramCandidates(IReadOnlyCollection<ActiveProgram> Programs, IReadOnlyCollection<CompanyCampaign> Campaigns);

/// <summary>A row of <see cref="EnrollmentQueries.ProgramCandidatesAsync"/>: an active program, with the company's campaign on it if
/// that is why it was chosen.</summary>
public sealed record ProgramCandidate(Guid ProgramId, string ProgramType, Guid BeneficiaryGroupId, DateTimeOffset CreatedAt, CompanyCampaign? Campaign);

/// <summary>An enrollment created without program context.</summary>
public sealed record LegacyEnrollment(Guid EnrollmentId, string UserId, Guid? CompanyId, string ProgramType);
