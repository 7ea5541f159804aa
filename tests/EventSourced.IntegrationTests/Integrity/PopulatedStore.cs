using EventSourced.Projections.ReadTables;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// A class fixture: a database populated once through the real handlers (<see cref="IntegrityScenario.PopulateAsync"/>), with a
/// copy of every read table taken right after, so each test can start from exactly that state (<see cref="ResetAsync"/>) and
/// prove a repair got back to it (<see cref="Baseline"/>). The copy lives in its own schema, out of the check's way.
/// </summary>
public sealed class PopulatedStore(PostgresServer server) : IAsyncLifetime
{
    private const string CopySchema = "integrity_baseline";

    public MartenDatabase Db { get; } = new(server);

    /// <summary>Every read table's snapshot (<see cref="Sql.TableSnapshotAsync"/>) right after populating.</summary>
    public IReadOnlyDictionary<string, string> Baseline { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        await Db.InitializeAsync();
        await Db.PopulateAsync("matrix");
        await Sql.ExecuteAsync(Db.ConnectionString, $"create schema {CopySchema}; " +
            string.Join(' ', ReadTableCatalog.TableNames.Select(t => $"create table {CopySchema}.{t} as select * from public.{t};")));
        Baseline = await Db.ReadTablesSnapshotAsync();
    }

    /// <summary>Puts every read table back to its state right after populating (plain SQL: independent of the code under test).</summary>
    public async Task ResetAsync()
    {
        await Sql.ExecuteAsync(Db.ConnectionString, string.Join(' ',
            ReadTableCatalog.TableNames.Select(t => $"delete from public.{t}; insert into public.{t} select * from {CopySchema}.{t};")));
        await Db.ShouldHaveReadTablesAsync(Baseline);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}
