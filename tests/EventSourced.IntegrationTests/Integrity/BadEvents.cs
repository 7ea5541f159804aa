using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Events written straight into <c>mt_events</c>, as a bad migration or a writer of an unknown version would.</summary>
internal static class BadEvents
{
    public const string UnknownType = "unknown type";
    public const string UnreadableJson = "unreadable JSON";
    public const string UnappliableJson = "unappliable JSON";

    /// <summary>An event of a type no deployment knows (<c>no_such_event.v9</c>, .NET type <c>No.Such.Type, Nowhere</c>).</summary>
    public static Task<(long Sequence, long Version)> InsertUnknownTypeAsync(this MartenDatabase db, Guid stream) =>
        db.InsertEventAsync(stream, "'no_such_event.v9'", "data", "'No.Such.Type, Nowhere'");

    /// <summary>An <c>order_created.v1</c> whose JSON cannot be read into an OrderCreated (a string id, a string seat count).</summary>
    public static Task<(long Sequence, long Version)> InsertUnreadableOrderAsync(this MartenDatabase db, Guid orderStream) =>
        db.InsertEventAsync(orderStream, "'order_created.v1'", """'{"OrderId": "not-a-guid", "Seats": "many"}'""", "mt_dotnet_type");

    /// <summary>An <c>enrollment_created.v1</c> of <c>{}</c>: it reads, but its row breaks the table's not-null columns.</summary>
    public static Task<(long Sequence, long Version)> InsertUnappliableEnrollmentAsync(this MartenDatabase db, Guid enrollmentStream) =>
        db.InsertEventAsync(enrollmentStream, "'enrollment_created.v1'", "'{}'", "mt_dotnet_type");

    /// <summary>Copies the stream's last event into a new one (next sequence, version + 100) with the given type, data and .NET type (SQL).</summary>
    private static async Task<(long Sequence, long Version)> InsertEventAsync(this MartenDatabase db, Guid stream, string type, string data, string dotnetType)
    {
        var row = (await Sql.QueryAsync(db.ConnectionString,
            "insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) " +
            $"select nextval('mt_events_sequence'), gen_random_uuid(), stream_id, version + 100, {data}, {type}, timestamp, tenant_id, {dotnetType}, false " +
            $"from mt_events where stream_id = '{stream}' order by version desc limit 1 returning seq_id, version")).ShouldHaveSingleItem();
        return ((long)row["seq_id"]!, (long)row["version"]!);
    }
}
