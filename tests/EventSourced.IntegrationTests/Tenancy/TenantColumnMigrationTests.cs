using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Templates;
using EventSourced.IntegrationTests.Integrity;
using EventSourced.Projections.Integrity;
using EventSourced.Projections.ReadTables;
using EventSourced.Handlers.Registration;
using EventSourced.Projections.Registration;
using EventSourced.Projections.Templates;
using EventSourced.Testing;
using Marten;
using Weasel.Core;

namespace EventSourced.IntegrationTests.Tenancy;

/// <summary>
/// A database written before the read tables had a tenant (primary key <c>id</c>, unique indexes without the tenant) is
/// migrated by Marten's schema diff at startup, populated: every row lands in the default tenant, keys become
/// <c>(tenant_id, id)</c>, and the streams and tables still agree.
/// </summary>
public sealed class TenantColumnMigrationTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    // The unique indexes as they were: (name, table, definition).
    private static readonly (string Index, string Table, string Definition)[] OldUniqueIndexes =
    [
        ("ux_program_templates_key_version", "program_templates", "(template_key, version)"),
        ("ux_programs_program_key", "programs", "(program_key)"),
        ("ux_program_enrollments_active_user_program", "program_enrollments", "(user_id, program_id) where status = 'active' and program_id is not null"),
        ("ux_orders_approval", "orders", "(approval_id)"),
    ];

    [Fact]
    public async Task A_populated_database_of_the_single_tenant_shape_migrates_to_tenant_keys_in_the_default_tenant()
    {
        await db.PopulateAsync("migrate");
        var before = await db.ReadTablesSnapshotAsync();
        await Sql.ExecuteAsync(db.ConnectionString, string.Join(' ', ReadTableCatalog.TableNames.Select(t =>
            $"alter table {t} drop column tenant_id; alter table {t} add constraint pkey_{t}_id primary key (id);")));
        await Sql.ExecuteAsync(db.ConnectionString, string.Join(' ', OldUniqueIndexes.Select(i => $"create unique index {i.Index} on {i.Table} {i.Definition};")));

        // What a host does at startup (ApplyAllDatabaseChangesOnStartup): a new store, the same configuration.
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(db.ConnectionString);
            options.AddEventSourced();
        });
        (await store.Storage.Database.CreateMigrationAsync(TestContext.Current.CancellationToken)).Difference.ShouldNotBe(SchemaPatchDifference.None);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        (await store.Storage.Database.CreateMigrationAsync(TestContext.Current.CancellationToken)).Difference.ShouldBe(SchemaPatchDifference.None);
        (await db.ReadTablesSnapshotAsync()).ShouldBe(before); // same rows, tenant_id '*DEFAULT*' last, as in a new database
        foreach (var table in ReadTableCatalog.TableNames)
        {
            (await PrimaryKeyAsync(table)).ShouldBe("tenant_id, id", table);
        }

        foreach (var (index, _, _) in OldUniqueIndexes)
        {
            (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from pg_indexes where indexname = '{index}' and indexdef like '%(tenant_id, %'"))
                .ShouldBe(1, index);
        }

        (await IntegrityCheck.RunAsync(store, new IntegrityCheckOptions(), db.Clock, cancellation: TestContext.Current.CancellationToken)).ShouldBeClean();
        await using var session = store.LightweightSession();
        var result = await session.CommitAsync(
            await TemplateHandler.Handle(Templates.TemplateCommands.Create("after-migration"), session, db.Clock, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        (await session.FindTemplateAsync(result.StreamId, TestContext.Current.CancellationToken))!.TemplateKey.ShouldBe("after-migration");
    }

    private async Task<string> PrimaryKeyAsync(string table) =>
        (string)(await Sql.QueryAsync(db.ConnectionString,
            "select string_agg(a.attname, ', ' order by k.ord) as columns from pg_constraint c " +
            "cross join lateral unnest(c.conkey) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum " +
            $"where c.contype = 'p' and c.conrelid = 'public.{table}'::regclass")).Single()["columns"]!;
}
