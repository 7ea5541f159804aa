using System.Text.Json.Serialization;
using EventSourced.Domain.Enrollments;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary><c>buddy.match.created</c> v1: the buddy service matched the user with a buddy.</summary>
[MessageIdentity(WireName, Version = 1)]
public sealed record BuddyMatchCreated(
    string? EventId,
    string? UserId,
    Guid? CompanyId,
    string? ProgramType,
    DateTimeOffset? OccurredAt,
    string? MatchId,
    string? BuddyUserId) : IEnrollmentSourceEvent
{
    public const string WireName = "buddy.match.created";

    [JsonIgnore]
    public string SourceSystem => SourceSystems.Buddy;
}
