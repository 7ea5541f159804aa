using EventSourced.Domain.Common;
using EventSourced.Domain.Configuration;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>Refused program and campaign commands append nothing and leave the tables as they were.</summary>
public sealed class ProgramRejectionsTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Overrides_violating_the_schema_append_nothing()
    {
        var template = await db.ActiveTemplateAsync("reject-config");
        var group = await db.GroupAsync();

        var error = await ShouldAppendNothing(() => db.SendAsync(Program(template, group, overrides: """{"session": {"defaultDurationMinutes": 900}}""")));

        error.Title.ShouldBe(ConfigValidation.Failed);
        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("config.session.defaultDurationMinutes",
            "must be at most 180 (rule: maximum); value from program", "maximum"));
    }

    [Fact]
    public async Task Campaign_for_a_draft_program_appends_nothing()
    {
        var program = await db.AcceptedAsync(Program(await db.ActiveTemplateAsync("reject-draft-program"), await db.GroupAsync(), "Draft program"));

        var error = await ShouldAppendNothing(() => db.SendAsync(Campaign(program)));

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Path.ShouldBe("programId"), e => e.Rule.ShouldBe("active"));
    }

    [Fact]
    public async Task Illegal_transition_appends_nothing()
    {
        var program = await db.AcceptedAsync(Program(await db.ActiveTemplateAsync("reject-transition"), await db.GroupAsync(), "Transition program"));

        var error = await ShouldAppendNothing(() => db.SendAsync(new ChangeProgramStatus(program, "completed")));

        error.Kind.ShouldBe(ErrorKind.Conflict);
        error.Title.ShouldBe(ProgramDecisions.IllegalTransition);
    }

    [Fact]
    public async Task Setting_the_current_status_appends_nothing_and_succeeds()
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync("reject-same-status"), "Same status program");
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);

        (await db.SendAsync(new ChangeProgramStatus(program, "ACTIVE"))).IsAccepted.ShouldBeTrue();

        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore);
    }

    private async Task<DomainError> ShouldAppendNothing(Func<Task<EventSourced.Handlers.Commands.CommandResult>> send)
    {
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);
        var tables = new[] { "programs", "program_campaigns", "beneficiary_groups", "program_templates" };
        var before = await Task.WhenAll(tables.Select(t => Sql.TableSnapshotAsync(db.ConnectionString, t)));

        var result = await send();

        result.Error.ShouldNotBeNull();
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore);
        (await Task.WhenAll(tables.Select(t => Sql.TableSnapshotAsync(db.ConnectionString, t)))).ShouldBe(before);
        return result.Error;
    }
}
