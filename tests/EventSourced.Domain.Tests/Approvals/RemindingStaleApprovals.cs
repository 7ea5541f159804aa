using EventSourced.Domain.Approvals.Reminders;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>Runbook 002's pending approvals that pile up: reminded after the policy's age, again while pending, never once decided.</summary>
public class RemindingStaleApprovals
{
    private static readonly StaleApprovalPolicy Policy = new(TimeSpan.FromDays(3), TimeSpan.FromHours(12));

    [Fact]
    public void GivenPendingApprovalOlderThanThePolicy_WhenItsFirstReminderIsDue_ThenItIsRemindedAndTheNextIsScheduled()
    {
        var now = Requested.AddDays(3).AddMinutes(1);

        var remind = StaleApprovals.Decide(Pending().Approval, 1, Policy, now).ShouldBeOfType<ReminderDecision.Remind>();

        remind.Reminder.ShouldBe(1);
        remind.Approval.Id.ShouldBe(ApprovalId);
        remind.Approval.CampaignId.ShouldBe(CampaignId);
        remind.PendingFor.ShouldBe(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        remind.NextAt.ShouldBe(now.AddHours(12));
    }

    [Fact]
    public void GivenPendingApprovalLongOverdue_WhenALaterReminderIsDue_ThenTheNextCountsFromNowNotFromTheRequest()
    {
        var now = Requested.AddDays(40);

        var remind = StaleApprovals.Decide(Pending().Approval, 7, Policy, now).ShouldBeOfType<ReminderDecision.Remind>();

        remind.Reminder.ShouldBe(7);
        remind.PendingFor.ShouldBe(TimeSpan.FromDays(40));
        remind.NextAt.ShouldBe(now.AddHours(12));
    }

    [Fact]
    public void GivenPolicyWithoutRepeats_WhenTheReminderIsDue_ThenItIsTheOnlyOne()
    {
        var once = Policy with { RemindEvery = null };

        StaleApprovals.Decide(Pending().Approval, 1, once, Requested.AddDays(4)).ShouldBeOfType<ReminderDecision.Remind>().NextAt.ShouldBeNull();
        StaleApprovals.Decide(Pending().Approval, 1, once with { RemindEvery = TimeSpan.Zero }, Requested.AddDays(4))
            .ShouldBeOfType<ReminderDecision.Remind>().NextAt.ShouldBeNull();
    }

    [Fact]
    public void GivenPendingApprovalYoungerThanThePolicy_WhenAReminderArrives_ThenItWaitsUntilTheApprovalIsStale()
    {
        // A reminder scheduled under a shorter policy, handled after the policy was lengthened.
        var notYet = StaleApprovals.Decide(Pending().Approval, 1, Policy, Requested.AddDays(1)).ShouldBeOfType<ReminderDecision.NotYet>();

        notYet.DueAt.ShouldBe(Requested.AddDays(3));
    }

    [Fact]
    public void GivenApprovedApproval_WhenAReminderIsDue_ThenTheRemindersStop() =>
        StaleApprovals.Decide(Approved().Approval, 2, Policy, Requested.AddDays(5)).ShouldBeOfType<ReminderDecision.Stop>()
            .Why.ShouldBe("the approval was approved");

    [Fact]
    public void GivenRejectedApproval_WhenAReminderIsDue_ThenTheRemindersStop() =>
        StaleApprovals.Decide(Rejected().Approval, 1, Policy, Requested.AddDays(5)).ShouldBeOfType<ReminderDecision.Stop>()
            .Why.ShouldBe("the approval was rejected");

    [Fact]
    public void GivenNoApproval_WhenAReminderIsDue_ThenTheRemindersStop() =>
        StaleApprovals.Decide(null, 1, Policy, Requested.AddDays(5)).ShouldBeOfType<ReminderDecision.Stop>()
            .Why.ShouldBe("the approval does not exist");

    [Fact]
    public void GivenReminderNumberBelowOne_WhenDecided_ThenItIsAProgrammingError() =>
        Should.Throw<ArgumentOutOfRangeException>(() => StaleApprovals.Decide(Pending().Approval, 0, Policy, Requested.AddDays(5)));

    [Fact]
    public void GivenTheDefaultPolicy_ThenAnApprovalIsStaleAfterSevenDaysAndRemindedDaily()
    {
        StaleApprovalPolicy.Default.StaleAfter.ShouldBe(TimeSpan.FromDays(7));
        StaleApprovalPolicy.Default.RemindEvery.ShouldBe(TimeSpan.FromDays(1));
        StaleApprovalPolicy.Default.StaleAt(Requested).ShouldBe(Requested.AddDays(7));
    }
}
