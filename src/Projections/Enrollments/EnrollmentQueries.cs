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

    /// <summary>
    /// Everything an enrollment decision reads, in one round trip: whether stream <paramref name="enrollmentId"/> already
    /// exists (a duplicate delivery; none asked when null), the program candidates for <paramref name="programType"/> and
    /// <paramref name="companyId"/> (none asked when <paramref name="programType"/> is null: the lookup is off), and
    /// <paramref name="userId"/>'s active enrollment in each candidate program. The candidates are narrowed in SQL to the only
    /// rows that can win: the oldest active program of the type (ix_programs_lookup), and the oldest enrollable campaign of
    /// the company on an active program of that type (ix_program_campaigns_company_created); the domain rule still decides between
    /// them, so the cost does not grow with the number of programs or campaigns.
    /// </summary>
    public static async Task<EnrollmentFacts> EnrollmentFactsAsync(this IQuerySession session, Guid? enrollmentId, string userId, string? programType,
        Guid? companyId, CancellationToken cancellation = default)
    {
        var programs = session.Table(ProgramsTable.Name);
        var campaigns = session.Table(ProgramCampaignsTable.Name);
        var enrollments = session.Table(ProgramEnrollmentsTable.Name);
        var streams = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams";
        var conjoined = Tenancy.StoreTenants.IsConjoined(session.DocumentStore);
        var program = "'programId', a.id, 'programType', a.program_type, 'beneficiaryGroupId', a.beneficiary_group_id, 'createdAt', a.created_at, " +
                      $"'activeEnrollment', (select e.id from {enrollments} e where e.tenant_id = a.tenant_id and e.user_id = ? and e.program_id = a.id " +
                      "and e.status = 'active' limit 1)";
        var parameters = new List<object> { enrollmentId ?? Guid.Empty };
        if (conjoined)
        {
            parameters.Add(session.TenantId); // as Marten's own stream reads: the tenant column only where tenants share tables
        }

        var candidates = "'[]'::jsonb";
        if (programType is not null)
        {
            candidates = "coalesce((select jsonb_agg(x.c) from (" +
                         $"(select jsonb_build_object({program}) c from {programs} a " +
                         "where a.tenant_id = ? and a.program_type = ? and a.status = 'active' order by a.created_at, a.id limit 1) " +
                         "union all " +
                         $"(select jsonb_build_object({program}, 'campaign', jsonb_build_object('campaignId', c.id, 'programId', c.program_id, " +
                         "'companyId', c.company_id, 'status', c.status, 'createdAt', c.created_at)) c " +
                         $"from {campaigns} c join {programs} a on a.tenant_id = c.tenant_id and a.id = c.program_id " +
                         "where c.tenant_id = ? and c.company_id = ?::uuid and c.status = any(?) and a.program_type = ? and a.status = 'active' " +
                         "order by c.created_at, c.id limit 1)) x), '[]'::jsonb)";
            parameters.AddRange([userId, session.TenantId, programType, userId, session.TenantId, companyId!,
                ProgramLookup.EnrollableCampaignStatuses.ToArray(), programType]);
        }

        var facts = (await session.ViewsAsync<EnrollmentFactsRow>(
            $"select jsonb_build_object('exists', exists(select 1 from {streams} s where s.id = ?{(conjoined ? " and s.tenant_id = ?" : string.Empty)}), " +
            $"'candidates', {candidates})::text", cancellation, [.. parameters])).Single();
        return new EnrollmentFacts(enrollmentId is not null && facts.Exists,
            new ProgramCandidates(
                facts.Candidates.Select(r => new ActiveProgram(r.ProgramId, r.ProgramType, r.BeneficiaryGroupId, r.CreatedAt)).ToArray(),
                facts.Candidates.Where(r => r.Campaign is not null).Select(r => r.Campaign!).ToArray()),
            facts.Candidates.Where(r => r.ActiveEnrollment is not null).GroupBy(r => r.ProgramId).ToDictionary(g => g.Key, g => g.First().ActiveEnrollment!.Value));
    }

    private sealed record EnrollmentFactsRow(bool Exists, IReadOnlyList<ProgramCandidate> Candidates);

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

/// <summary>A candidate of <see cref="EnrollmentQueries.EnrollmentFactsAsync"/>: an active program, with the company's campaign on it if
/// that is why it was chosen, and the user's active enrollment in it if there is one.</summary>
public sealed record ProgramCandidate(Guid ProgramId, string ProgramType, Guid BeneficiaryGroupId, DateTimeOffset CreatedAt, CompanyCampaign? Campaign,
    Guid? ActiveEnrollment);

/// <summary>What an enrollment decision reads (<see cref="EnrollmentQueries.EnrollmentFactsAsync"/>).</summary>
public sealed record EnrollmentFacts(bool StreamExists, ProgramCandidates Candidates, IReadOnlyDictionary<Guid, Guid> ActiveEnrollmentByProgram)
{
    /// <summary>The user's active enrollment in <paramref name="programId"/> (one of the candidates), if any.</summary>
    public Guid? ActiveEnrollmentIn(Guid programId) => ActiveEnrollmentByProgram.TryGetValue(programId, out var id) ? id : null;
}

/// <summary>An enrollment created without program context.</summary>
public sealed record LegacyEnrollment(Guid EnrollmentId, string UserId, Guid? CompanyId, string ProgramType);
