using System.Globalization;
using EventSourced.Domain.Repairs;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Replay;

namespace EventSourced.Projections.Integrity;

/// <summary>
/// The domain findings, computed from the rows the streams fold to (never from the live tables an operator may have edited),
/// as the replay hands them over. What it keeps is the catalog (templates, programs, campaigns, approvals, reservations,
/// orders) — it grows with the catalog, not with the events — and, for enrollments, only the ids they refer to: the
/// enrollments pointing at a program or campaign with no stream are listed by a second pass, only when there are some.
/// </summary>
internal sealed class DomainFindingCollector
{
    private readonly IReadOnlyList<ReadTableProjection> _tables;
    private readonly Dictionary<string, TenantCatalog> _byTenant = new(StringComparer.Ordinal);
    private readonly int _enrollments, _programs, _campaigns, _approvals, _reservations, _orders, _templates;

    public DomainFindingCollector(IReadOnlyList<ReadTableProjection> tables)
    {
        _tables = tables;
        int IndexOf(string table) => tables.Select(t => t.TableShortName).ToList().IndexOf(table);
        (_enrollments, _programs, _campaigns, _approvals) = (IndexOf("program_enrollments"), IndexOf("programs"), IndexOf("program_campaigns"),
            IndexOf("campaign_approvals"));
        (_reservations, _orders, _templates) = (IndexOf("inventory_reservations"), IndexOf("orders"), IndexOf("program_templates"));
    }

    public void Collect(StreamKey stream, IReadOnlyList<object?[]?> rows)
    {
        var catalog = CatalogOf(stream.TenantId);
        if (Row(rows, _programs) is { } program)
        {
            catalog.Programs[stream.Id] = new ProgramRow(Text(program, _programs, "program_key"), Text(program, _programs, "status"),
                Value<Guid?>(program, _programs, "template_id"));
        }

        if (Row(rows, _campaigns) is { } campaign)
        {
            catalog.Campaigns[stream.Id] = new CampaignRow(Text(campaign, _campaigns, "name"), Int(campaign, _campaigns, "probability"),
                Text(campaign, _campaigns, "status"));
        }

        if (Row(rows, _approvals) is { } approval)
        {
            catalog.Approvals[stream.Id] = new ApprovalRow(Value<Guid>(approval, _approvals, "campaign_id"), Text(approval, _approvals, "status"),
                Text(approval, _approvals, "reviewer_id"), Value<Guid?>(approval, _approvals, "order_id"),
                Value<DateTimeOffset>(approval, _approvals, "requested_at"));
        }

        if (Row(rows, _reservations) is { } reservation && Text(reservation, _reservations, "status") == "reserved")
        {
            catalog.Reserved[stream.Id] = new ReservationRow(Value<Guid>(reservation, _reservations, "campaign_id"),
                Int(reservation, _reservations, "seats"), Value<Guid>(reservation, _reservations, "approval_id"));
        }

        if (Row(rows, _orders) is not null)
        {
            catalog.Orders.Add(stream.Id);
        }

        if (Row(rows, _templates) is { } template)
        {
            catalog.Templates[stream.Id] = new TemplateRow(Text(template, _templates, "template_key"), Int(template, _templates, "version"),
                Text(template, _templates, "status"));
        }

        if (Row(rows, _enrollments) is { } enrollment)
        {
            if (Value<Guid?>(enrollment, _enrollments, "program_id") is { } programId)
            {
                catalog.ReferencedPrograms.Add(programId);
            }

            if (Value<Guid?>(enrollment, _enrollments, "campaign_id") is { } campaignId)
            {
                catalog.ReferencedCampaigns.Add(campaignId);
            }
        }
    }

    /// <summary>Whether some enrollment refers to a program or campaign with no stream: then <see cref="CollectOrphans"/> needs a
    /// second pass over the enrollments.</summary>
    public bool HasOrphanedEnrollments => _enrollments >= 0 && _programs >= 0 && _campaigns >= 0 && _byTenant.Values.Any(c =>
        c.ReferencedPrograms.Any(id => !c.Programs.ContainsKey(id)) || c.ReferencedCampaigns.Any(id => !c.Campaigns.ContainsKey(id)));

    /// <summary>The second pass, enrollments only: <paramref name="enrollment"/> is the stream's enrollment row, if any.</summary>
    public void CollectOrphans(StreamKey stream, object?[]? enrollment)
    {
        if (enrollment is null || !_byTenant.TryGetValue(stream.TenantId, out var catalog))
        {
            return;
        }

        var table = _tables[_enrollments].Shape;
        var program = (Guid?)enrollment[table.OrdinalOf("program_id")];
        var campaign = (Guid?)enrollment[table.OrdinalOf("campaign_id")];
        var missing = new[]
        {
            program is { } p && !catalog.Programs.ContainsKey(p) ? $"program {p}" : null,
            campaign is { } c && !catalog.Campaigns.ContainsKey(c) ? $"campaign {c}" : null,
        }.OfType<string>().ToArray();
        if (missing.Length > 0)
        {
            catalog.Orphans.Add(new DomainFinding(FindingKinds.OrphanedEnrollment, stream.Id,
                $"Enrollment {stream.Id} (user {enrollment[table.OrdinalOf("user_id")]}) refers to {string.Join(" and ", missing)}, which has no stream"));
        }
    }

    /// <summary>One tenant's findings, kind by kind, each kind in stream id order.</summary>
    public IReadOnlyList<DomainFinding> FindingsOf(string tenant, DateTimeOffset staleBefore)
    {
        if (!_byTenant.TryGetValue(tenant, out var c))
        {
            return [];
        }

        var findings = new List<DomainFinding>(c.Orphans.OrderBy(f => f.StreamId, IdOrder));
        if (_campaigns >= 0 && _approvals >= 0)
        {
            var covered = c.Approvals.Values.Where(a => a.Status is "pending" or "approved").Select(a => a.CampaignId).ToHashSet();
            findings.AddRange(Ordered(c.Campaigns).Where(p => p.Value.Probability >= 90 && p.Value.Status != "won" && !covered.Contains(p.Key))
                .Select(p => new DomainFinding(FindingKinds.CampaignWithoutApproval, p.Key,
                    $"Campaign {p.Key} ({p.Value.Name}) is at {p.Value.Probability} % with no pending or approved approval")));
        }

        if (_reservations >= 0 && _approvals >= 0)
        {
            foreach (var (id, r) in Ordered(c.Reserved))
            {
                var approval = c.Approvals.GetValueOrDefault(r.ApprovalId);
                if (approval is null || approval.Status == "rejected")
                {
                    findings.Add(new DomainFinding(FindingKinds.DanglingReservation, id,
                        $"Reservation {id} (campaign {r.CampaignId}, {r.Seats} seats) is still reserved although approval {r.ApprovalId}" +
                        (approval is null ? " does not exist" : $" was {approval.Status}")));
                }
            }
        }

        if (_approvals >= 0 && _orders >= 0)
        {
            findings.AddRange(Ordered(c.Approvals).Where(p => p.Value.Status == "approved" && !(p.Value.OrderId is { } order && c.Orders.Contains(order)))
                .Select(p => new DomainFinding(FindingKinds.ApprovalWithoutOrder, p.Key,
                    $"Approval {p.Key} (campaign {p.Value.CampaignId}) was approved by {p.Value.ReviewerId ?? "?"} but order " +
                    $"{p.Value.OrderId?.ToString() ?? "?"} was never created")));
        }

        if (_approvals >= 0)
        {
            findings.AddRange(Ordered(c.Approvals).Where(p => p.Value.Status == "pending" && p.Value.RequestedAt < staleBefore)
                .Select(p => new DomainFinding(FindingKinds.StaleApproval, p.Key,
                    $"Approval {p.Key} (campaign {p.Value.CampaignId}) has been pending since " +
                    p.Value.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        }

        if (_programs >= 0 && _templates >= 0)
        {
            foreach (var (id, p) in Ordered(c.Programs))
            {
                if (p.Status != "archived" && p.TemplateId is { } templateId && c.Templates.GetValueOrDefault(templateId) is { Status: "archived" } t)
                {
                    findings.Add(new DomainFinding(FindingKinds.ProgramOnArchivedTemplate, id,
                        $"Program {id} ({p.Key}, {p.Status}) is pinned to archived template {t.Key} v{t.Version}"));
                }
            }
        }

        return findings;
    }

    private static readonly Comparer<Guid> IdOrder = Comparer<Guid>.Create(KeyOrder.CompareIds);

    private static IEnumerable<KeyValuePair<Guid, T>> Ordered<T>(Dictionary<Guid, T> rows) => rows.OrderBy(p => p.Key, IdOrder);

    private static object?[]? Row(IReadOnlyList<object?[]?> rows, int table) => table >= 0 ? rows[table] : null;

    private string? Text(object?[] row, int table, string column) => (string?)row[_tables[table].Shape.OrdinalOf(column)];

    private T Value<T>(object?[] row, int table, string column) => (T)row[_tables[table].Shape.OrdinalOf(column)]!;

    private int Int(object?[] row, int table, string column) => Convert.ToInt32(row[_tables[table].Shape.OrdinalOf(column)], CultureInfo.InvariantCulture);

    private TenantCatalog CatalogOf(string tenant) =>
        _byTenant.TryGetValue(tenant, out var catalog) ? catalog : _byTenant[tenant] = new TenantCatalog();

    private sealed class TenantCatalog
    {
        public Dictionary<Guid, ProgramRow> Programs { get; } = [];

        public Dictionary<Guid, CampaignRow> Campaigns { get; } = [];

        public Dictionary<Guid, ApprovalRow> Approvals { get; } = [];

        public Dictionary<Guid, ReservationRow> Reserved { get; } = [];

        public HashSet<Guid> Orders { get; } = [];

        public Dictionary<Guid, TemplateRow> Templates { get; } = [];

        public HashSet<Guid> ReferencedPrograms { get; } = [];

        public HashSet<Guid> ReferencedCampaigns { get; } = [];

        public List<DomainFinding> Orphans { get; } = [];
    }

    private sealed record ProgramRow(string? Key, string? Status, Guid? TemplateId);

    private sealed record CampaignRow(string? Name, int Probability, string? Status);

    private sealed record ApprovalRow(Guid CampaignId, string? Status, string? ReviewerId, Guid? OrderId, DateTimeOffset RequestedAt);

    private sealed record ReservationRow(Guid CampaignId, int Seats, Guid ApprovalId);

    private sealed record TemplateRow(string? Key, int Version, string? Status);
}
