using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Handlers.Campaigns;
using EventSourced.Handlers.Commands;
using EventSourced.Projections.Campaigns;
using JasperFx;
using Wolverine;

namespace EventSourced.IntegrationTests.Approvals;

/// <summary>
/// A write that changes nothing (a probability resent as it is) is answered with the row as the decision saw it: its commit
/// share-locks the stream and checks the version, so a writer that got in between makes the command be decided again instead
/// of the answer being that writer's row.
/// </summary>
public sealed class NoOpAnswerTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    private static Envelope AskingForTheRow() => new() { Headers = { [CommandAnswers.Header] = "row-at-commit" } };

    [Fact]
    public async Task A_resent_probability_is_answered_with_the_row_it_was_decided_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = await db.CampaignAtAsync("noop-answer", 95);

        await using var session = db.Session();
        var result = await CampaignHandler.Handle(new SetCampaignProbability(campaign, 95), session, db.Clock, db.Workflow, AskingForTheRow(), ct);
        session.PendingChanges.Streams().ShouldAllBe(s => s.Events.Count == 0);
        await session.SaveChangesAsync(ct);

        var row = result.RowAtCommit<CampaignView>().ShouldNotBeNull();
        row.Probability.ShouldBe(95);
        row.ApprovalRequestId.ShouldNotBeNull(); // the approval its crossing opened, still pending
    }

    [Fact]
    public async Task A_resent_probability_overtaken_by_another_writer_is_refused_at_commit_to_be_decided_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = await db.CampaignAtAsync("noop-overtaken", 95);
        var approval = await db.PendingApprovalAsync(campaign);

        await using var session = db.Session();
        var result = await CampaignHandler.Handle(new SetCampaignProbability(campaign, 95), session, db.Clock, db.Workflow, AskingForTheRow(), ct);
        await db.AcceptedAsync(new EventSourced.Domain.Approvals.Commands.DecideApproval(approval, "approve", "reviewer-1", null));

        await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync(ct));
        result.RowAtCommit<CampaignView>().ShouldBeNull();
    }

    [Fact]
    public async Task A_resend_after_the_campaign_was_won_is_refused_rather_than_answered_with_the_won_row()
    {
        var campaign = await db.CampaignAtAsync("noop-wolverine", 95);
        var approval = await db.PendingApprovalAsync(campaign);
        await db.AcceptedAsync(new EventSourced.Domain.Approvals.Commands.DecideApproval(approval, "approve", "reviewer-1", null));

        // Through Wolverine, as a host runs it: decided on the won campaign, so refused.
        var result = await db.InvokeAsync<CommandResult>(new SetCampaignProbability(campaign, 95));

        result.IsAccepted.ShouldBeFalse();
        result.Error!.Title.ShouldBe("Campaign is won");
    }
}
