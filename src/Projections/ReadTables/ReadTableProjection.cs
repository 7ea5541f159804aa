using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// An inline projection that writes one read table with plain SQL. Marten creates and migrates the table, and a
/// projection rebuild empties it before replaying the streams. Derived classes list their events (IncludeType) and
/// write <see cref="TableName"/> in ApplyAsync.
/// </summary>
/// <remarks>
/// Contract the integrity check and the targeted repair rely on: a row's <c>id</c> is the id of the stream whose events
/// write it, and the row depends on no other stream. So one stream can be re-projected on its own.
/// </remarks>
public abstract class ReadTableProjection : EventProjection
{
    protected ReadTableProjection(Table table)
    {
        Name = table.Identifier.Name;
        Table = table;
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        TableName = table.Identifier.QualifiedName;
    }

    /// <summary>The table's definition (columns, keys, indexes), in the schema this instance writes to.</summary>
    public Table Table { get; }

    /// <summary>The schema-qualified table name, for SQL.</summary>
    public string TableName { get; }

    /// <summary>The unqualified table name, e.g. <c>program_enrollments</c>; also the projection's name.</summary>
    public string TableShortName => Table.Identifier.Name;

    /// <summary>Whether this projection writes anything for events of <paramref name="eventType"/>.</summary>
    public bool Handles(Type eventType) => IncludedEventTypes.Any(included => included.IsAssignableFrom(eventType));
}
