using EventSourced.Domain.Common;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Programs.ProgramScenario;

namespace EventSourced.Domain.Tests.Programs;

/// <summary>The lifecycle: draft → active ⇄ paused → completed; any status but archived → archived.</summary>
public class ChangingProgramStatus
{
    // Written out from the documented lifecycle, not read from ProgramTransitions, so that a change to the table is noticed.
    private static readonly (ProgramStatus From, ProgramStatus To)[] Lifecycle =
    [
        (ProgramStatus.Draft, ProgramStatus.Active),
        (ProgramStatus.Draft, ProgramStatus.Archived),
        (ProgramStatus.Active, ProgramStatus.Paused),
        (ProgramStatus.Active, ProgramStatus.Completed),
        (ProgramStatus.Active, ProgramStatus.Archived),
        (ProgramStatus.Paused, ProgramStatus.Active),
        (ProgramStatus.Paused, ProgramStatus.Completed),
        (ProgramStatus.Paused, ProgramStatus.Archived),
        (ProgramStatus.Completed, ProgramStatus.Archived),
    ];

    public static TheoryData<ProgramStatus, ProgramStatus> AllowedTransitions =>
        new(Lifecycle.Select(t => (t.From, t.To)));

    public static TheoryData<ProgramStatus, ProgramStatus> DisallowedTransitions =>
        new(from source in Enum.GetValues<ProgramStatus>()
            from target in Enum.GetValues<ProgramStatus>()
            where source != target && !Lifecycle.Contains((source, target))
            select (source, target));

    public static TheoryData<ProgramStatus> EveryStatus => new(Enum.GetValues<ProgramStatus>());

    [Fact]
    public void GivenTheLifecycle_WhenTransitionsAreCounted_ThenNineAreAllowedAndElevenAreNot()
    {
        AllowedTransitions.Count.ShouldBe(9);
        DisallowedTransitions.Count.ShouldBe(11);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void GivenProgram_WhenMovedAlongTheLifecycle_ThenTheStatusChanges(ProgramStatus from, ProgramStatus to)
    {
        var program = Program(TemplateVersion()) with { Status = from };

        var changed = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, to.ToString().ToLowerInvariant()), Now)
            .ShouldEmitSingle<ProgramStatusChanged>();

        changed.ShouldBe(new ProgramStatusChanged(program.Id, from, to, Now));
        ProgramTransitions.IsAllowed(from, to).ShouldBeTrue();
        program.When(changed).ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(to),
            p => p.UpdatedAt.ShouldBe(Now));
    }

    [Theory]
    [MemberData(nameof(DisallowedTransitions))]
    public void GivenProgram_WhenMovedAgainstTheLifecycle_ThenTheTransitionIsIllegal(ProgramStatus from, ProgramStatus to)
    {
        var program = Program(TemplateVersion()) with { Status = from };

        var error = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, to.ToString().ToLowerInvariant()), Now)
            .ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Illegal status transition");
        error.Title.ShouldBe(ProgramDecisions.IllegalTransition);
        error.Detail.ShouldStartWith($"Program {program.Id} is {from.ToString().ToLowerInvariant()} and cannot become {to.ToString().ToLowerInvariant()}; ");
        ProgramTransitions.IsAllowed(from, to).ShouldBeFalse();
    }

    [Fact]
    public void GivenCompletedProgram_WhenReactivated_ThenTheDetailListsWhatItCanBecome()
    {
        var program = Program(TemplateVersion(), ProgramStatus.Completed);

        var error = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, "active"), Now).ShouldBeRejected(ErrorKind.Conflict);

        error.Detail.ShouldBe($"Program {program.Id} is completed and cannot become active; it can become: archived.");
    }

    [Fact]
    public void GivenArchivedProgram_WhenReactivated_ThenTheDetailSaysItIsFinal()
    {
        var program = Program(TemplateVersion(), ProgramStatus.Archived);

        var error = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, "draft"), Now).ShouldBeRejected(ErrorKind.Conflict);

        error.Detail.ShouldBe($"Program {program.Id} is archived and cannot become draft; it is final.");
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void GivenProgram_WhenSetToItsCurrentStatus_ThenItIsAcceptedWithoutEvents(ProgramStatus status)
    {
        var program = Program(TemplateVersion(), status);

        ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, status.ToString().ToLowerInvariant()), Now)
            .ShouldBeAccepted().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("Active")]
    public void GivenStatusInAnotherCase_WhenChanged_ThenItIsUnderstood(string status)
    {
        var program = Program(TemplateVersion(), ProgramStatus.Draft);

        ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, status), Now)
            .ShouldEmitSingle<ProgramStatusChanged>().To.ShouldBe(ProgramStatus.Active);
    }

    [Theory]
    [InlineData("launched")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void GivenStatusThatIsNotAProgramStatus_WhenChanged_ThenStatusIsNamed(string? status)
    {
        var program = Program(TemplateVersion(), ProgramStatus.Draft);

        var error = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, status), Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldNotBeEmpty();
        error.Errors.ShouldAllBe(e => e.Path == "status");
    }

    [Fact]
    public void GivenUnknownStatus_WhenChanged_ThenTheMessageListsTheStatuses()
    {
        var program = Program(TemplateVersion(), ProgramStatus.Draft);

        var error = ProgramDecisions.ChangeStatus(program, new ChangeProgramStatus(program.Id, "launched"), Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Message.ShouldBe("'status' must be one of: draft, active, paused, completed, archived.");
    }
}
