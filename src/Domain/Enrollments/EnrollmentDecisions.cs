using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Domain.Enrollments.Events;

namespace EventSourced.Domain.Enrollments;

/// <summary>Enrollment rules as pure functions; the program context and existing enrollments are looked up by the caller.</summary>
public static class EnrollmentDecisions
{
    public const string AlreadyEnrolled = "User already enrolled in program";
    public const string IllegalTransition = "Illegal status transition";

    /// <param name="context">The program the lookup found, or null for a legacy (programType-only) enrollment.</param>
    /// <param name="activeEnrollmentInProgram">The user's active enrollment in that program, if any.</param>
    public static Decision Enroll(EnrollUser command, Guid enrollmentId, ProgramContext? context, Guid? activeEnrollmentInProgram, DateTimeOffset now)
    {
        var errors = EnrollUserValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        if (errors.Length > 0)
        {
            return DomainError.Validation(errors);
        }

        if (context is not null && activeEnrollmentInProgram is { } existing)
        {
            return DomainError.Conflict(AlreadyEnrolled,
                    $"User '{command.UserId}' already has active enrollment {existing} in program {context.ProgramId}.")
                with { Extensions = new Dictionary<string, object?> { ["enrollmentId"] = existing } };
        }

        return Decision.Accept(new EnrollmentCreated(enrollmentId, command.UserId!.Trim(), command.CompanyId, context?.ProgramType ?? command.ProgramType!,
            context?.ProgramId, context?.CampaignId, context?.BeneficiaryGroupId, command.SourceSystem!, command.ExternalEventId!.Trim(),
            command.OccurredAt!.Value, now));
    }

    /// <summary>Links a legacy enrollment to a program (backfill). Already linked: nothing to do.</summary>
    public static Decision Link(EnrollmentState enrollment, ProgramContext context, DateTimeOffset now) =>
        enrollment.IsLegacy
            ? Decision.Accept(new EnrollmentLinkedToProgram(enrollment.Id, context.ProgramId, context.ProgramType, context.BeneficiaryGroupId,
                context.CampaignId, now))
            : Decision.Accept();

    public static Decision ChangeStatus(EnrollmentState enrollment, ChangeEnrollmentStatus command, DateTimeOffset now)
    {
        var errors = ChangeEnrollmentStatusValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        if (errors.Length > 0)
        {
            return DomainError.Validation(errors);
        }

        var target = Enum.Parse<EnrollmentStatus>(command.Status!, ignoreCase: true);
        if (target == enrollment.Status)
        {
            return Decision.Accept();
        }

        return enrollment.Status == EnrollmentStatus.Active
            ? Decision.Accept(new EnrollmentStatusChanged(enrollment.Id, enrollment.Status, target, now))
            : DomainError.Conflict(IllegalTransition,
                $"Enrollment {enrollment.Id} is {WireNames.Of(enrollment.Status)}; only active enrollments can become completed or withdrawn.");
    }
}
