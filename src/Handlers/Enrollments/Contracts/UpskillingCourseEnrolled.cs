using System.Text.Json.Serialization;
using EventSourced.Domain.Enrollments;
using Wolverine.Attributes;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary><c>upskilling.course.enrolled</c> v1: the user enrolled in an upskilling course.</summary>
[MessageIdentity(WireName, Version = 1)]
public sealed record UpskillingCourseEnrolled(
    string? EventId,
    string? UserId,
    Guid? CompanyId,
    string? ProgramType,
    DateTimeOffset? OccurredAt,
    string? CourseId,
    string? CourseTitle) : IEnrollmentSourceEvent
{
    public const string WireName = "upskilling.course.enrolled";

    [JsonIgnore]
    public string SourceSystem => SourceSystems.Upskilling;
}
