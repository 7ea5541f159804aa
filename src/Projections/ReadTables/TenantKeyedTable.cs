using JasperFx;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// The shape every read table shares: <c>id</c> first, its own columns, <c>tenant_id</c> last, and the primary key
/// <c>(tenant_id, id)</c>. In every tenancy mode, so there is one table shape and one SQL statement per query: a
/// single-tenant store writes Marten's default tenant (<c>*DEFAULT*</c>, also the column default, so rows from before the
/// column existed belong to it). Under conjoined tenancy a stream id may repeat across tenants (Marten's own
/// <c>mt_streams</c> key is <c>(tenant_id, id)</c>), and so may a row id.
/// </summary>
/// <remarks>The tenant column comes last because that is where migrating an existing table adds it: a new database and a
/// migrated one have the same column order (<c>select *</c>, positional inserts).</remarks>
public static class TenantKeyedTable
{
    public const string TenantColumn = "tenant_id";

    /// <summary>The tenant of rows written before the column existed, and of every row in a single-tenant store.</summary>
    public const string DefaultTenant = StorageConstants.DefaultTenantId;

    /// <param name="define">Adds the table's own columns (after <c>id</c>) and its indexes.</param>
    public static Table Create(string schema, string name, Action<Table> define)
    {
        var table = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").NotNull();
        define(table);
        table.AddColumn(TenantColumn, "text").NotNull().DefaultValueByString(DefaultTenant).AsPrimaryKey();
        table.ModifyColumn("id").AsPrimaryKey();
        return table;
    }
}
