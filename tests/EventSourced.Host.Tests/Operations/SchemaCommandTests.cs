using EventSourced.Testing;

namespace EventSourced.Host.Tests.Operations;

/// <summary>Marten's <c>db-apply</c> / <c>db-patch</c>, through the host's command line, on a database of their own.</summary>
public sealed class SchemaCommandTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    [Fact]
    public async Task Db_patch_writes_the_migration_for_an_empty_database_and_nothing_once_db_apply_ran()
    {
        var patch = Path.Combine(Path.GetTempPath(), $"eventsourced-{Guid.NewGuid():N}.sql");
        try
        {
            var (exitCode, output) = await HostProcess.RunAsync(db.ConnectionString, "db-patch", patch, "-d", "marten://store/");
            exitCode.ShouldBe(0, output);
            (await File.ReadAllTextAsync(patch, TestContext.Current.CancellationToken)).ShouldContain("program_enrollments");
            File.Delete(patch);

            (exitCode, output) = await HostProcess.RunAsync(db.ConnectionString, "db-apply");
            exitCode.ShouldBe(0, output);
            (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates")).ShouldBe(0);

            (exitCode, output) = await HostProcess.RunAsync(db.ConnectionString, "db-patch", patch, "-d", "marten://store/");
            exitCode.ShouldBe(0, output);
            File.Exists(patch).ShouldBeFalse("an up-to-date database needs no patch");
        }
        finally
        {
            File.Delete(patch);
        }
    }
}
