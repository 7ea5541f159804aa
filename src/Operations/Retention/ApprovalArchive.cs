using EventSourced.Domain.Approvals;
using EventSourced.Domain.Retention.Events;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Tenancy;
using Marten;
using Marten.Services;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Operations.Retention;

/// <summary>
/// Retention for runbook 002's approvals (it deletes those older than 90 days): the streams of approvals decided before a
/// date, with their reservations and orders (done by then: converted or released, and written once), are archived with
/// Marten's stream archiving. Nothing is deleted: the events stay in <c>mt_events</c>, marked archived, out of every replay
/// (rebuild, check) and out of the read tables (<c>campaign_approvals</c>, <c>inventory_reservations</c>, <c>orders</c>),
/// whose rows for them are removed by the targeted repair's fold, which finds no live events; a rebuild therefore neither
/// brings them back nor misses them. The campaigns keep their rows (and their ids of the approval and order). The
/// streams' history stays readable (<c>GET /approvals/{id}/history</c>). Each approval is confirmed decided from its stream,
/// not only from the table. Idempotent: an archived approval is no longer listed.
/// </summary>
public static class ApprovalArchive
{
    public static async Task<ArchiveReport> ArchiveAsync(IDocumentStore store, DateTimeOffset decidedBefore, string operatorId, string reason,
        TimeProvider clock, bool dryRun = false, string? tenantId = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        var tenant = tenantId ?? TenantKeyedTable.DefaultTenant;
        var database = await StoreTenants.DatabaseOfAsync(store, tenantId);
        var options = SessionOptions.ForDatabase(database);
        options.TenantId = tenant;

        var candidates = await CandidatesAsync(database, store.Options.DatabaseSchemaName, decidedBefore, tenant, cancellation);
        await using var session = store.LightweightSession(options);
        var approvals = new List<Guid>();
        var reservations = new List<Guid>();
        var orders = new List<Guid>();
        foreach (var (approvalId, reservationId, orderId) in candidates)
        {
            // The table says decided; the stream must agree (a drifted row never archives a pending approval).
            var approval = await session.Events.FetchLatest<ApprovalState>(approvalId, cancellation);
            if (approval is not { Status: not ApprovalStatus.Pending, DecidedAt: { } decided } || decided >= decidedBefore)
            {
                continue;
            }

            approvals.Add(approvalId);
            reservations.Add(reservationId);
            if (orderId is { } order)
            {
                orders.Add(order);
            }
        }

        Guid[] streams = [.. approvals, .. reservations, .. orders];

        if (dryRun || approvals.Count == 0)
        {
            return new ArchiveReport(dryRun, approvals, streams, 0, null);
        }

        foreach (var stream in streams)
        {
            session.Events.ArchiveStream(stream);
        }

        var archiveId = Guid.CreateVersion7();
        session.LastModifiedBy = operatorId; // the audit trail's user
        session.CorrelationId = $"archive-{archiveId:N}";
        session.Events.StartStream(archiveId, new StreamsArchived(archiveId, decidedBefore, approvals.Count, streams.Length, operatorId.Trim(),
            string.IsNullOrWhiteSpace(reason) ? "retention" : reason.Trim(), clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellation);

        // The rows of the archived streams leave the tables: the fold of a stream without live events is no row.
        TableReport Gone(string table, IReadOnlyList<Guid> ids) => new(table, 0, 0, 0, ids.Count, 0, [], ids, []);
        TableReport[] drift = [Gone("campaign_approvals", approvals), Gone("inventory_reservations", reservations), Gone("orders", orders)];
        var removed = await ReadTableRepair.RepairAsync(store, drift, tenantId, cancellation);
        if (removed.FirstOrDefault(r => r.Action.StartsWith("failed", StringComparison.Ordinal)) is { } failed)
        {
            throw new InvalidOperationException(
                $"The streams are archived but row {failed.StreamId} of {failed.Table} could not be removed ({failed.Action}); integrity repair will.");
        }

        return new ArchiveReport(false, approvals, streams, removed.Count(r => r.Action == "deleted"), archiveId);
    }

    private static async Task<IReadOnlyList<(Guid Approval, Guid Reservation, Guid? Order)>> CandidatesAsync(IMartenDatabase database, string schema,
        DateTimeOffset decidedBefore, string tenant, CancellationToken cancellation)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select id, reservation_id, order_id from {schema}.campaign_approvals " +
            "where tenant_id = $1 and status in ('approved', 'rejected') and decided_at < $2 order by decided_at, id", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = decidedBefore } },
        };
        var rows = new List<(Guid, Guid, Guid?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        }

        return rows;
    }
}
