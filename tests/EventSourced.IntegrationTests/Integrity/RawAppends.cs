using Npgsql;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Appends made in a writer's own transaction, which the test commits when it chooses: a write that commits late.</summary>
internal static class RawAppends
{
    /// <summary>Appends an event to a stream in <paramref name="writer"/>'s open transaction without touching the read tables.</summary>
    public static async Task AppendWithoutProjectingAsync(this MartenDatabase db, NpgsqlConnection writer, Guid stream, object data)
    {
        var json = db.Store.Options.Serializer().ToJson(data);
        var typeName = ((Marten.IDocumentStore)db.Store).Options.Events.AllKnownEventTypes().Single(t => t.EventType == data.GetType()).EventTypeName;
        await using var command = new NpgsqlCommand(
            "with next as (update mt_streams set version = version + 1 where id = $1 returning version, tenant_id) " +
            "insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) " +
            "select nextval('mt_events_sequence'), gen_random_uuid(), $1, next.version, $2::jsonb, $3, now(), " +
            "next.tenant_id, $4, false from next", writer);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        command.Parameters.Add(new NpgsqlParameter { Value = typeName });
        command.Parameters.Add(new NpgsqlParameter { Value = $"{data.GetType().FullName}, {data.GetType().Assembly.GetName().Name}" });
        (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
    }
}
