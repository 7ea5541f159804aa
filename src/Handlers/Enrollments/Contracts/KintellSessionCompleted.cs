using System.Text.Json.Serialization;
using EventSourced.Domain.Enrollments;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary><c>kintell.session.completed</c> v1: a mentoring session on Kintell was completed.</summary>
[MessageIdentity(WireName, Version = 1)]
public sealed record KintellSessionCompleted(
    string? EventId,
    string? UserId,
    Guid? CompanyId,
    string? ProgramType,
    DateTimeOffset? OccurredAt,
    string? SessionId,
    int? DurationMinutes,
    string? MentorId) : IEnrollmentSourceEvent
{
    public const string WireName = "kintell.session.completed";

    [JsonIgnore]
    public string SourceSystem => SourceSystems.Kintell;
}
