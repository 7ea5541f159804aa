using Wolverine.Attributes;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary><c>enrollment.created</c>: a user was enrolled (from an external event, the API or the backfill).</summary>
[MessageIdentity(Key, Version = 1)]
public sealed record EnrollmentCreatedV1(
    Guid MessageId, Guid StreamId, string TenantId, DateTimeOffset RecordedAt,
    Guid EnrollmentId, string UserId, Guid? CompanyId, string ProgramType, Guid? ProgramId, Guid? CampaignId,
    string SourceSystem, string ExternalEventId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public const string Key = "enrollment.created";

    public string RoutingKey => Key;
}
