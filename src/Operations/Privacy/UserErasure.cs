using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Privacy.Events;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Projections.Tenancy;
using Marten;
using Marten.Services;
using Marten.Storage;
using Npgsql;

namespace EventSourced.Operations.Privacy;

/// <summary>
/// Forgets a person (GDPR erasure) with Marten's event data masking: the events that name them (their enrollments'
/// <c>enrollment_created</c>) are rewritten in place by the masking rule (<see cref="Domain.Privacy.PersonalData"/>), the read
/// rows are re-projected from the masked streams, stored Wolverine messages that name them are deleted, and the erasure is
/// recorded as <see cref="PersonalDataErased"/> without the erased data. Counts, program and campaign links and the integrity
/// check stay intact: only the identifier changes. Idempotent, and safe to run again after a crash: the streams are found in
/// the log and the rows in the table, whichever still names the person.
/// </summary>
/// <remarks>Masking instead of crypto-shredding: the only personal datum is one identifier in one event type, so rewriting
/// it once is simpler and leaves nothing behind, where shredding would put a key lookup on every read and replay for ever.</remarks>
public static class UserErasure
{
    private const string EnrollmentsTable = "program_enrollments";

    public static async Task<ErasureReport> ForgetAsync(IDocumentStore store, string userId, string operatorId, string reason, TimeProvider clock,
        string? tenantId = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var tenant = tenantId ?? TenantKeyedTable.DefaultTenant;
        var database = await StoreTenants.DatabaseOfAsync(store, tenantId);
        var schema = store.Options.DatabaseSchemaName;
        var eventSchema = store.Options.Events.DatabaseSchemaName;

        // Which streams and rows still name the person: the log and the table, so a run interrupted after the masking
        // still re-projects the rows.
        var streams = await IdsAsync(database,
            $"select distinct stream_id from {eventSchema}.mt_events where type = 'enrollment_created.v1' and data ->> 'UserId' = $1 and tenant_id = $2",
            userId, tenant, cancellation);
        var rows = await IdsAsync(database,
            $"select id from {schema}.{EnrollmentsTable} where user_id = $1 and tenant_id = $2", userId, tenant, cancellation);

        if (streams.Count > 0)
        {
            await store.Advanced.ApplyEventDataMasking(masking =>
            {
                if (tenantId is not null)
                {
                    masking.ForTenant(tenantId);
                }

                foreach (var stream in streams)
                {
                    masking.IncludeStream(stream, e => e.Data is EnrollmentCreated created && created.UserId == userId);
                }
            }, cancellation);
        }

        var reprojected = 0;
        var targets = streams.Union(rows).ToArray();
        if (targets.Length > 0)
        {
            var drift = new TableReport(EnrollmentsTable, 0, 0, targets.Length, 0, 0, targets, [], []);
            var repaired = await ReadTableRepair.RepairAsync(store, [drift], tenantId, cancellation);
            if (repaired.FirstOrDefault(r => r.Action.StartsWith("failed", StringComparison.Ordinal)) is { } failed)
            {
                throw new InvalidOperationException($"The events are masked but row {failed.StreamId} could not be re-projected ({failed.Action}); run forget-user again.");
            }

            reprojected = repaired.Count;
        }

        var messages = await DeleteMessagesAsync(database, schema, userId, cancellation);
        if (streams.Count == 0 && rows.Count == 0 && messages == 0)
        {
            return new ErasureReport(null, 0, 0, 0);
        }

        var erasureId = Guid.CreateVersion7();
        var options = SessionOptions.ForDatabase(database);
        options.TenantId = tenant;
        await using var session = store.LightweightSession(options);
        session.LastModifiedBy = operatorId; // who erased, in the audit trail
        session.CorrelationId = $"erasure-{erasureId:N}";
        session.Events.StartStream(erasureId, new PersonalDataErased(erasureId, streams.Count, reprojected, messages, operatorId.Trim(), reason.Trim(),
            clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellation);
        return new ErasureReport(erasureId, streams.Count, reprojected, messages);
    }

    private static async Task<IReadOnlyList<Guid>> IdsAsync(IMartenDatabase database, string sql, string userId, string tenant,
        CancellationToken cancellation)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = userId }, new() { Value = tenant } } };
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    // Dead letters keep an external event's body (userId included) until replayed or discarded; handled inbox envelopes are
    // kept a while for deduplication. A body names the person when it holds both "userId" and the id as a JSON string
    // (bytes compared, so a body that is not even UTF-8 is searched too).
    private static async Task<int> DeleteMessagesAsync(IMartenDatabase database, string schema, string userId, CancellationToken cancellation)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellation);
        var deleted = 0;
        foreach (var (table, condition) in new[] { ("wolverine_dead_letters", "true"), ("wolverine_incoming_envelopes", "status = 'Handled'") })
        {
            await using var exists = new NpgsqlCommand($"select to_regclass('{schema}.{table}') is not null", connection);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellation))!)
            {
                continue;
            }

            await using var delete = new NpgsqlCommand(
                $"delete from {schema}.{table} where {condition} and position(convert_to('\"userId\"', 'UTF8') in body) > 0 " +
                "and position(convert_to('\"' || $1 || '\"', 'UTF8') in body) > 0", connection)
            {
                Parameters = { new() { Value = userId } },
            };
            deleted += await delete.ExecuteNonQueryAsync(cancellation);
        }

        return deleted;
    }
}
