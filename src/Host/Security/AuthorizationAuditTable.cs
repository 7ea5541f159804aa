using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EventSourced.Host.Security;

/// <summary>
/// <c>authorization_audit</c>: one row per denied request (and per granted one when
/// <c>Authentication:AuditGranted</c> is on), in the columns runbook 003's "Review Audit Logs" query reads. Part of the
/// Marten store's schema, so <c>db-apply</c>/<c>db-patch</c> create and migrate it.
/// </summary>
public static class AuthorizationAuditTable
{
    public const string Name = "authorization_audit";

    public static Table Define(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("id").AsPrimaryKey().BigAutoIncrement();
        table.AddColumn<DateTimeOffset>("occurred_at").NotNull().DefaultValueByExpression("now()");
        table.AddColumn("user_id", "text").AllowNulls();
        table.AddColumn("tenant_id", "text").AllowNulls();
        table.AddColumn("action", "text").NotNull();
        table.AddColumn("resource_type", "text").NotNull();
        table.AddColumn("resource_id", "text").AllowNulls();
        table.AddColumn<bool>("granted").NotNull();
        table.AddColumn<int>("status").NotNull();
        table.AddColumn("reason", "text").AllowNulls();
        table.AddColumn("correlation_id", "text").AllowNulls();
        table.AddColumn("client_address", "text").AllowNulls();
        table.Indexes.Add(new IndexDefinition("ix_authorization_audit_occurred_at") { Columns = ["occurred_at"] });
        return table;
    }
}
