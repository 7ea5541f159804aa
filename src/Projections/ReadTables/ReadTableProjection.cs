using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// An inline projection that writes one read table with plain SQL. Marten creates and migrates the table, and a
/// projection rebuild empties it before replaying the streams. Derived classes list their events (IncludeType) and
/// write <see cref="TableName"/> in ApplyAsync.
/// </summary>
public abstract class ReadTableProjection : EventProjection
{
    protected ReadTableProjection(Table table)
    {
        Name = table.Identifier.Name;
        SchemaObjects.Add(table);
        Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        TableName = table.Identifier.QualifiedName;
    }

    /// <summary>The schema-qualified table name, for SQL.</summary>
    protected string TableName { get; }
}
