using EventSourced.Domain.Enrollments.Commands;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary>
/// What every external event that enrolls a user carries (camelCase on the wire): the producer's <c>eventId</c>
/// (deduplication key), <c>userId</c>, optional <c>companyId</c>, the legacy <c>programType</c> and <c>occurredAt</c>.
/// Properties are nullable so that a malformed message reaches validation and is dead-lettered with a reason.
/// </summary>
public interface IEnrollmentSourceEvent
{
    string SourceSystem { get; }

    string? EventId { get; }

    string? UserId { get; }

    Guid? CompanyId { get; }

    string? ProgramType { get; }

    DateTimeOffset? OccurredAt { get; }

    EnrollUser ToCommand() => new(SourceSystem, EventId, UserId, CompanyId, ProgramType, OccurredAt);
}
