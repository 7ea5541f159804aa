using EventSourced.Domain.Common;
using EventSourced.Operations.Repairs;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Who repairs is required: without an operator, no compensation is appended, each is refused naming <c>operatorId</c>.</summary>
public sealed class RepairWithoutOperatorTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_repair_without_operator_is_refused_and_appends_nothing(string? operatorId)
    {
        var findings = await db.RepairableFindingsOnceAsync();
        var events = await db.EventCountAsync();
        var tables = await db.ReadTablesSnapshotAsync();

        var repair = await db.RepairAsync(new RepairOptions { OperatorId = operatorId, Reason = "INC-4711" });

        repair.Compensations.Select(c => (c.Finding, c.StreamId)).ShouldBe(findings.StreamsByKind.Select(k => (k.Key, k.Value)), ignoreOrder: true);
        foreach (var refused in repair.Compensations)
        {
            refused.ShouldSatisfyAllConditions(
                () => refused.Applied.ShouldBeFalse(),
                () => refused.Events.ShouldBeEmpty(),
                () => refused.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.Invalid),
                () => refused.Error!.Errors.Select(e => e.Path).ShouldBe(["operatorId"]));
        }

        repair.Refused.Count().ShouldBe(4);
        repair.EventCount.ShouldBe(0);
        (await db.EventCountAsync()).ShouldBe(events);
        await db.ShouldHaveReadTablesAsync(tables);
        var after = repair.After.ShouldNotBeNull();
        foreach (var (kind, stream) in findings.StreamsByKind)
        {
            after.Finding(kind, stream);
        }
    }

    /// <summary>
    /// <see cref="RepairOptions.OperatorId"/> is documented "Required unless <see cref="RepairOptions.DryRun"/>": a dry run
    /// without an operator must still show the events each compensation would append.
    /// </summary>
    [Fact]
    public async Task A_dry_run_needs_no_operator_and_shows_what_it_would_append()
    {
        var findings = await db.RepairableFindingsOnceAsync();
        var events = await db.EventCountAsync();

        var dryRun = await db.RepairAsync(new RepairOptions { DryRun = true });

        (await db.EventCountAsync()).ShouldBe(events);
        dryRun.Compensations.Select(c => c.StreamId).ShouldBe(findings.StreamsByKind.Values, ignoreOrder: true);
        dryRun.Compensations.Where(c => c.Error is not null).Select(c => $"{c.Finding}: {c.Error!.Detail} {string.Join(", ", c.Error.Errors)}")
            .ShouldBeEmpty();
        dryRun.Compensations.ShouldAllBe(c => c.Events.Count > 0 && !c.Applied);
    }
}
