using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary>The probability change, the approval and the reservation commit together or not at all.</summary>
public sealed class AtomicityTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task A_failure_while_reserving_inventory_leaves_no_half_applied_workflow()
    {
        var campaign = await db.CampaignAtAsync("atomic", 75);
        var eventsBefore = await Sql.EventCountAsync(db.ConnectionString);
        var before = await Tables();
        await Sql.ExecuteAsync(db.ConnectionString, """
            create function inject_reservation_failure() returns trigger language plpgsql as $$
            begin raise exception 'injected failure while reserving inventory'; end $$;
            create trigger inject_reservation_failure before insert on inventory_reservations
            for each row execute function inject_reservation_failure();
            """);

        var failure = await Should.ThrowAsync<Exception>(() => db.SendAsync(new SetCampaignProbability(campaign, 92)));

        failure.ToString().ShouldContain("injected failure while reserving inventory");
        (await Sql.EventCountAsync(db.ConnectionString)).ShouldBe(eventsBefore);
        (await Tables()).ShouldBe(before);

        await Sql.ExecuteAsync(db.ConnectionString, "drop trigger inject_reservation_failure on inventory_reservations");
        await db.AcceptedAsync(new SetCampaignProbability(campaign, 92));
        (await Sql.ScalarAsync(db.ConnectionString, $"select count(*) from campaign_approvals where campaign_id = '{campaign}'")).ShouldBe(1);
        await db.ShouldPassRunbookDiagnosesAsync();
    }

    private async Task<string[]> Tables() =>
        await Task.WhenAll(new[] { "program_campaigns", "campaign_approvals", "inventory_reservations", "orders" }
            .Select(t => Sql.TableSnapshotAsync(db.ConnectionString, t)));
}
