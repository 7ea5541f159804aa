using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Commands;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Tests.Enrollments;
using EventSourced.Domain.Tests.Programs;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;
using static EventSourced.Domain.Tests.Repairs.RepairScenario;

namespace EventSourced.Domain.Tests.Repairs;

/// <summary>
/// Every compensating command names its operator and its reason (recorded trimmed in <c>RepairRecorded</c>); the check
/// comes first, before the finding is looked at, so an invalid repair is refused even when it would append nothing.
/// </summary>
public class ValidatingRepairs
{
    /// <summary>An enrollment whose program and campaign both have no stream.</summary>
    private static readonly EnrollmentState OrphanedEnrollment = EnrollmentScenario.Linked(EnrollmentScenario.Context(campaignId: Guid.NewGuid()));

    public static TheoryData<string> Decisions => ["release", "order", "approval", "unlink"];

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenOperatorAndReasonAreMissing_ThenBothAreNamed(string decision)
    {
        var error = Decide(decision, new Repair(null, null)).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Validation failed");
        error.Detail.ShouldBe("2 field(s) are invalid.");
        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("operatorId", "NotEmptyValidator"), ("reason", "NotEmptyValidator")]);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenOperatorAndReasonAreBlank_ThenBothAreNamed(string decision)
    {
        var error = Decide(decision, new Repair("", " \t ")).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).ShouldBe(["operatorId", "reason"]);
        error.Errors.ShouldAllBe(e => e.Rule == "NotEmptyValidator");
    }

    [Theory]
    [InlineData(null, "reason")]
    [InlineData("   ", "reason")]
    public void GivenFindingThatHolds_WhenOnlyTheReasonIsMissing_ThenOnlyTheReasonIsNamed(string? reason, string path)
    {
        var error = Decide("release", new Repair(Operator, reason)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe(path),
            e => e.Rule.ShouldBe("NotEmptyValidator"));
    }

    [Fact]
    public void GivenFindingThatHolds_WhenOnlyTheOperatorIsMissing_ThenOnlyTheOperatorIsNamed()
    {
        var error = Decide("approval", new Repair(" ", Reason)).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Path.ShouldBe("operatorId"),
            e => e.Rule.ShouldBe("NotEmptyValidator"));
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenOperatorAndReasonAreTooLong_ThenBothAreNamed(string decision)
    {
        var error = Decide(decision, new Repair(new string('o', 201), new string('r', RepairValidator.MaxLength + 1))).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => (e.Path, e.Rule)).ShouldBe([("operatorId", "MaximumLengthValidator"), ("reason", "MaximumLengthValidator")]);
        error.Errors[1].Message.ShouldBe("The length of 'reason' must be 500 characters or fewer. You entered 501 characters.");
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenOperatorAndReasonAreAtTheirMaximumLength_ThenTheRepairIsAcceptedAndRecordsThem(string decision)
    {
        var operatorId = new string('o', 200);
        var reason = new string('r', 500);

        var events = Decide(decision, new Repair(operatorId, reason)).ShouldBeAccepted();

        var recorded = events[^1].ShouldBeOfType<RepairRecorded>();
        recorded.OperatorId.ShouldBe(operatorId);
        recorded.Reason.ShouldBe(reason);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenOperatorAndReasonArePadded_ThenTheyAreRecordedTrimmed(string decision)
    {
        var events = Decide(decision, new Repair("\t ops.oncall@example.org  ", "  Integrity check 2026-11-23 flagged it\r\n")).ShouldBeAccepted();

        var recorded = events[^1].ShouldBeOfType<RepairRecorded>();
        recorded.OperatorId.ShouldBe("ops.oncall@example.org");
        recorded.Reason.ShouldBe("Integrity check 2026-11-23 flagged it");
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatHolds_WhenRepaired_ThenTheRepairRecordedIsTheLastEventAndNamesTheStreamAndTheFinding(string decision)
    {
        var (streamId, finding) = decision switch
        {
            "release" => (ReservationId, FindingKinds.DanglingReservation),
            "order" => (ApprovalId, FindingKinds.ApprovalWithoutOrder),
            "approval" => (CampaignId, FindingKinds.CampaignWithoutApproval),
            _ => (OrphanedEnrollment.Id, FindingKinds.OrphanedEnrollment),
        };

        var events = Decide(decision, ValidRepair).ShouldBeAccepted();

        events[^1].ShouldBe(new RepairRecorded(streamId, finding, Reason, Operator, Now));
        events.OfType<RepairRecorded>().Count().ShouldBe(1);
        FindingKinds.Repairable.ShouldContain(finding);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void GivenFindingThatNoLongerHolds_WhenTheRepairIsInvalid_ThenValidationStillComesFirst(string decision)
    {
        Decision result = decision switch
        {
            "release" => Release(Rejected(), new Repair(null, null)),
            "order" => CreateOrder(Approved(), orderExists: true, new Repair(null, null)),
            "approval" => RequestApproval(Pending().Campaign, new Repair(null, null)),
            _ => RepairDecisions.UnlinkEnrollment(OrphanedEnrollment, true, true, new(OrphanedEnrollment.Id, new Repair(null, null)), Now),
        };

        result.ShouldBeRejected(ErrorKind.Invalid).Errors.Select(e => e.Path).ShouldBe(["operatorId", "reason"]);
    }

    [Theory]
    [InlineData("release")]
    [InlineData("order")]
    public void GivenFindingThatIsRefused_WhenTheRepairIsInvalid_ThenValidationComesBeforeTheConflict(string decision)
    {
        var result = decision == "release" ? Release(Pending(), new Repair(null, "x")) : CreateOrder(Pending(), repair: new Repair(null, "x"));

        result.ShouldBeRejected(ErrorKind.Invalid).Errors.ShouldHaveSingleItem().Path.ShouldBe("operatorId");
    }

    /// <summary>The decision, on a state where its finding holds.</summary>
    private static Decision Decide(string decision, Repair repair) => decision switch
    {
        "release" => Release(DanglingReservation(), repair),
        "order" => CreateOrder(ApprovedWithoutOrder(), repair: repair),
        "approval" => RequestApproval(CrossedWithoutApproval(), repair),
        "unlink" => RepairDecisions.UnlinkEnrollment(OrphanedEnrollment, programExists: false, campaignExists: false,
            new UnlinkOrphanedEnrollment(OrphanedEnrollment.Id, repair), Now),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
