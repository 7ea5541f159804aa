using EventSourced.Handlers.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>Program keys stay unique when many programs with the same name are created at once: through Wolverine, whose
/// handler chain decides a loser again and gives it the next free key.</summary>
public sealed class ProgramKeyConcurrencyTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Twenty_parallel_creates_with_one_name_get_twenty_distinct_keys()
    {
        var template = await db.ActiveTemplateAsync("keys-parallel");
        var group = await db.GroupAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => db.InvokeAsync<CommandResult>(Program(template, group, "Parallel Mentorship"))));

        results.ShouldAllBe(r => r.IsAccepted);
        var keys = (await Sql.QueryAsync(db.ConnectionString, "select program_key from programs where name = 'Parallel Mentorship'"))
            .Select(r => (string)r["program_key"]!).ToList();
        keys.Count.ShouldBe(20);
        keys.ShouldBe(["parallel-mentorship", .. Enumerable.Range(2, 19).Select(n => $"parallel-mentorship-{n}")], ignoreOrder: true);
        (await Sql.StreamsWithoutRowAsync(db.ConnectionString, "programs")).ShouldBe(
            await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates") +
            await Sql.ScalarAsync(db.ConnectionString, "select count(*) from beneficiary_groups"));
    }

    [Fact]
    public async Task A_name_that_slugs_to_an_existing_key_gets_the_next_suffix()
    {
        var template = await db.ActiveTemplateAsync("keys-suffix");
        var group = await db.GroupAsync();
        await db.AcceptedAsync(Program(template, group, "Café Mentorship"));
        await db.AcceptedAsync(Program(template, group, "Cafe  Mentorship!"));

        var third = await db.AcceptedAsync(Program(template, group, "CAFÉ mentorship"));

        (await Sql.QueryAsync(db.ConnectionString, $"select program_key from programs where id = '{third}'"))
            .Single()["program_key"].ShouldBe("cafe-mentorship-3");
    }
}
