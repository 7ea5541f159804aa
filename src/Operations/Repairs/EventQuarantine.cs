using EventSourced.Domain.Repairs.Events;
using EventSourced.Projections.Tenancy;
using Marten;
using Marten.Services;
using Npgsql;

namespace EventSourced.Operations.Repairs;

/// <summary>What <see cref="EventQuarantine.QuarantineAsync"/> did: recorded the quarantine now, or found it recorded already.</summary>
public sealed record QuarantineOutcome(long Sequence, Guid StreamId, string TenantId, string EventType, bool AlreadyQuarantined);

/// <summary>
/// Leaves one stored event out of every later rebuild and integrity check, because an operator named it and said why: the
/// way past an <c>unapplied-event</c> that no upcaster or projection fix can read (a corrupt or mistaken event). The event
/// stays in the log untouched; an <see cref="EventQuarantined"/> on its stream records who, when and why, so the choice is
/// in the audit trail and every replay finds it there. Idempotent.
/// </summary>
public static class EventQuarantine
{
    public static async Task<QuarantineOutcome> QuarantineAsync(IDocumentStore store, long sequence, string operatorId, string reason,
        TimeProvider clock, string? tenantId = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var database = await StoreTenants.DatabaseOfAsync(store, tenantId);
        var schema = store.Options.Events.DatabaseSchemaName;

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var find = new NpgsqlCommand(
            $"select stream_id, tenant_id, type, exists (select 1 from {schema}.mt_events q where q.type = 'event_quarantined.v1' " +
            $"and (q.data ->> 'Sequence')::bigint = e.seq_id) from {schema}.mt_events e where e.seq_id = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = sequence } },
        };
        await using var reader = await find.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
        {
            throw new ArgumentException($"There is no event with sequence {sequence} (mt_events.seq_id) in {database.Id.Name}.", nameof(sequence));
        }

        var (streamId, tenant, type, already) = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        await reader.DisposeAsync();
        if (type == "event_quarantined.v1")
        {
            throw new ArgumentException($"Event {sequence} is itself a quarantine record; it cannot be quarantined.", nameof(sequence));
        }

        if (!already)
        {
            var options = SessionOptions.ForDatabase(database);
            options.TenantId = tenant;
            await using var session = store.LightweightSession(options);
            session.LastModifiedBy = operatorId; // the audit trail's user: the operator who decided
            session.CorrelationId = $"quarantine-{sequence}";
            session.Events.Append(streamId, new EventQuarantined(streamId, sequence, type, reason.Trim(), operatorId.Trim(), clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellation);
        }

        return new QuarantineOutcome(sequence, streamId, tenant, type, already);
    }
}
