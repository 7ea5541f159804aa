using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>A decision is taken exactly once, by a named reviewer, and is either "approve" or "reject" (in any case).</summary>
public class DecidingApprovals
{
    [Theory]
    [InlineData(DecideApproval.Approve)]
    [InlineData(DecideApproval.Reject)]
    public void GivenApprovedApproval_WhenDecidedAgain_ThenItConflictsWithTheFirstDecision(string action)
    {
        var error = Decide(Approved(), new DecideApproval(ApprovalId, action, Reviewer, "second thoughts")).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Approval already decided");
        error.Detail.ShouldBe($"Approval {ApprovalId} was already approved by {FirstReviewer} at 2026-11-21T15:30:00.0000000+00:00.");
        error.Errors.ShouldBeEmpty();
        error.Extensions.Keys.ShouldBe(["currentStatus", "reviewerId", "reason", "decidedAt"], ignoreOrder: true);
        error.Extensions["currentStatus"].ShouldBe("approved");
        error.Extensions["reviewerId"].ShouldBe(FirstReviewer);
        error.Extensions["reason"].ShouldBe(FirstReason);
        error.Extensions["decidedAt"].ShouldBe(FirstDecided);
    }

    [Theory]
    [InlineData(DecideApproval.Approve)]
    [InlineData(DecideApproval.Reject)]
    public void GivenRejectedApproval_WhenDecidedAgain_ThenItConflictsWithTheFirstDecision(string action)
    {
        var error = Decide(Rejected(), new DecideApproval(ApprovalId, action, Reviewer, "second thoughts")).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Approval already decided");
        error.Detail.ShouldBe($"Approval {ApprovalId} was already rejected by {FirstReviewer} at 2026-11-21T15:30:00.0000000+00:00.");
        error.Errors.ShouldBeEmpty();
        error.Extensions.Keys.ShouldBe(["currentStatus", "reviewerId", "reason", "decidedAt"], ignoreOrder: true);
        error.Extensions["currentStatus"].ShouldBe("rejected");
        error.Extensions["reviewerId"].ShouldBe(FirstReviewer);
        error.Extensions["reason"].ShouldBe(FirstReason);
        error.Extensions["decidedAt"].ShouldBe(FirstDecided);
    }

    [Fact]
    public void GivenApprovalDecidedWithoutAReason_WhenDecidedAgain_ThenTheConflictsReasonIsNull()
    {
        var decided = Fold(Pending(), new ApprovalRejected(ApprovalId, FirstReviewer, Reason: null, FirstDecided));

        var error = Decide(decided, Approve()).ShouldBeRejected(ErrorKind.Conflict);

        error.Extensions.ShouldContainKey("reason");
        error.Extensions["reason"].ShouldBeNull();
    }

    [Theory]
    [InlineData(null, "NotEmptyValidator")]
    [InlineData("maybe", "PredicateValidator")]
    [InlineData("approved", "PredicateValidator")]
    public void GivenPendingApproval_WhenTheActionIsMissingOrUnknown_ThenActionIsNamed(string? action, string rule)
    {
        var error = Decide(Pending(), new DecideApproval(ApprovalId, action, Reviewer, null)).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("action"),
            e => e.Rule.ShouldBe(rule));
    }

    [Fact]
    public void GivenPendingApproval_WhenTheActionIsUnknown_ThenTheMessageListsTheTwoActions()
    {
        var error = Decide(Pending(), new DecideApproval(ApprovalId, "maybe", Reviewer, null)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Message.ShouldBe("'action' must be 'approve' or 'reject'.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenPendingApproval_WhenTheReviewerIsMissing_ThenReviewerIdIsNamed(string? reviewerId)
    {
        var error = Decide(Pending(), new DecideApproval(ApprovalId, DecideApproval.Approve, reviewerId, null)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("reviewerId"),
            e => e.Rule.ShouldBe("NotEmptyValidator"));
    }

    [Fact]
    public void GivenDecidedApproval_WhenTheCommandIsInvalid_ThenValidationComesBeforeTheConflict()
    {
        Decide(Approved(), new DecideApproval(ApprovalId, "maybe", Reviewer, null)).ShouldBeRejected(ErrorKind.Invalid)
            .Errors.ShouldHaveSingleItem().Path.ShouldBe("action");
    }

    [Theory]
    [InlineData("APPROVE")]
    [InlineData("Approve")]
    public void GivenPendingApproval_WhenTheActionIsApproveInAnotherCase_ThenItApproves(string action)
    {
        var events = Decide(Pending(), new DecideApproval(ApprovalId, action, Reviewer, null)).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalApproved(ApprovalId, Reviewer, null, OrderId, Now));
    }

    [Theory]
    [InlineData("REJECT")]
    [InlineData("Reject")]
    public void GivenPendingApproval_WhenTheActionIsRejectInAnotherCase_ThenItRejects(string action)
    {
        var events = Decide(Pending(), new DecideApproval(ApprovalId, action, Reviewer, null)).ShouldBeAccepted();

        events[0].ShouldBe(new ApprovalRejected(ApprovalId, Reviewer, null, Now));
    }
}
