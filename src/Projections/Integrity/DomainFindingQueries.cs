using EventSourced.Domain.Repairs;
using Npgsql;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// The domain findings, as SQL over the scratch schema. The scratch tables are a pure function of the streams (the
/// check just replayed them), so these findings come from the events, never from the live tables an operator may
/// have edited. Each query returns the stream a repair would write to and a sentence for the operator.
/// </summary>
internal static class DomainFindingQueries
{
    private sealed record FindingQuery(string Kind, string[] Tables, string Sql);

    // $1 is the tenant: every query reads one tenant's rows and joins within that tenant (ids may repeat across tenants).
    private static readonly FindingQuery[] Queries =
    [
        new(FindingKinds.OrphanedEnrollment, ["program_enrollments", "programs", "program_campaigns"],
            "select e.id, 'Enrollment ' || e.id || ' (user ' || e.user_id || ') refers to ' || concat_ws(' and ', " +
            "case when e.program_id is not null and p.id is null then 'program ' || e.program_id end, " +
            "case when e.campaign_id is not null and c.id is null then 'campaign ' || e.campaign_id end) || ', which has no stream' " +
            "from {s}.program_enrollments e left join {s}.programs p on p.tenant_id = e.tenant_id and p.id = e.program_id " +
            "left join {s}.program_campaigns c on c.tenant_id = e.tenant_id and c.id = e.campaign_id " +
            "where e.tenant_id = $1 and ((e.program_id is not null and p.id is null) or (e.campaign_id is not null and c.id is null)) order by e.id"),
        new(FindingKinds.CampaignWithoutApproval, ["program_campaigns", "campaign_approvals"],
            "select c.id, 'Campaign ' || c.id || ' (' || c.name || ') is at ' || c.probability || ' % with no pending or approved approval' " +
            "from {s}.program_campaigns c where c.tenant_id = $1 and c.probability >= 90 and c.status <> 'won' and not exists " +
            "(select 1 from {s}.campaign_approvals a where a.tenant_id = c.tenant_id and a.campaign_id = c.id and a.status in ('pending', 'approved')) " +
            "order by c.id"),
        new(FindingKinds.DanglingReservation, ["inventory_reservations", "campaign_approvals"],
            "select r.id, 'Reservation ' || r.id || ' (campaign ' || r.campaign_id || ', ' || r.seats || ' seats) is still reserved although approval ' " +
            "|| r.approval_id || coalesce(' was ' || a.status, ' does not exist') " +
            "from {s}.inventory_reservations r left join {s}.campaign_approvals a on a.tenant_id = r.tenant_id and a.id = r.approval_id " +
            "where r.tenant_id = $1 and r.status = 'reserved' and (a.id is null or a.status = 'rejected') order by r.id"),
        new(FindingKinds.ApprovalWithoutOrder, ["campaign_approvals", "orders"],
            "select a.id, 'Approval ' || a.id || ' (campaign ' || a.campaign_id || ') was approved by ' || coalesce(a.reviewer_id, '?') || " +
            "' but order ' || coalesce(a.order_id::text, '?') || ' was never created' " +
            "from {s}.campaign_approvals a where a.tenant_id = $1 and a.status = 'approved' " +
            "and not exists (select 1 from {s}.orders o where o.tenant_id = a.tenant_id and o.id = a.order_id) order by a.id"),
        new(FindingKinds.StaleApproval, ["campaign_approvals"],
            "select a.id, 'Approval ' || a.id || ' (campaign ' || a.campaign_id || ') has been pending since ' || " +
            "to_char(a.requested_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') " +
            "from {s}.campaign_approvals a where a.tenant_id = $1 and a.status = 'pending' and a.requested_at < $2 order by a.id"),
        new(FindingKinds.ProgramOnArchivedTemplate, ["programs", "program_templates"],
            "select p.id, 'Program ' || p.id || ' (' || p.program_key || ', ' || p.status || ') is pinned to archived template ' || " +
            "t.template_key || ' v' || t.version from {s}.programs p join {s}.program_templates t on t.tenant_id = p.tenant_id and t.id = p.template_id " +
            "where p.tenant_id = $1 and t.status = 'archived' and p.status <> 'archived' order by p.id"),
    ];

    /// <summary>Runs, for one tenant, every query whose tables were replayed.</summary>
    public static async Task<IReadOnlyList<DomainFinding>> RunAsync(NpgsqlConnection connection, string scratchSchema, string tenantId,
        IReadOnlyCollection<string> replayedTables, DateTimeOffset staleBefore, CancellationToken cancellation)
    {
        var findings = new List<DomainFinding>();
        foreach (var query in Queries.Where(q => q.Tables.All(replayedTables.Contains)))
        {
            await using var command = new NpgsqlCommand(query.Sql.Replace("{s}", scratchSchema, StringComparison.Ordinal), connection);
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            if (query.Sql.Contains("$2", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = staleBefore });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                findings.Add(new DomainFinding(query.Kind, reader.GetGuid(0), reader.GetString(1)));
            }
        }

        return findings;
    }
}
