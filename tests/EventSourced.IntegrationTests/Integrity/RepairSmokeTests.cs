using EventSourced.Domain.Repairs;
using EventSourced.Operations.Repairs;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Integrity;

public sealed class RepairSmokeTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Dual_write_mismatch_is_reported_and_re_projected()
    {
        var populated = await db.PopulateAsync("smoke");
        var enrollment = populated.Enrollments[0];
        await Sql.ExecuteAsync(db.ConnectionString, $"update program_enrollments set program_type = 'hand-edited' where id = '{enrollment}'");
        await Sql.ExecuteAsync(db.ConnectionString, $"delete from orders");
        var orphan = Guid.NewGuid();
        await Sql.ExecuteAsync(db.ConnectionString,
            $"insert into inventory_reservations select '{orphan}', campaign_id, approval_id, seats, budget_amount, budget_currency, start_date, end_date, " +
            "status, order_id, release_reason, created_at, updated_at from inventory_reservations limit 1");

        var report = await db.CheckAsync();

        var enrollments = report.Tables.Single(t => t.Table == "program_enrollments");
        enrollments.Mismatches.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.Id.ShouldBe(enrollment), m => m.Column.ShouldBe("program_type"), m => m.Actual.ShouldBe("hand-edited"));
        report.Tables.Single(t => t.Table == "orders").MissingCount.ShouldBe(1);
        report.Tables.Single(t => t.Table == "inventory_reservations").Extra.ShouldBe([orphan]);

        var repair = await IntegrityRepair.RunAsync(db.Store, new RepairOptions { OperatorId = "ops-1" }, db.Clock,
            cancellation: TestContext.Current.CancellationToken);

        repair.Reprojected.Count.ShouldBe(3);
        repair.After!.Tables.ShouldAllBe(t => t.IsClean);
        repair.After.CountsByKind.Where(k => k.Key != FindingKinds.StaleApproval).ShouldAllBe(k => k.Value == 0);
        (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from orders")).ShouldBe(1);
    }
}
