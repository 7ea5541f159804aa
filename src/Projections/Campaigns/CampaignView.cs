using System.Text.Json;
using EventSourced.Domain.Campaigns;

namespace EventSourced.Projections.Campaigns;

/// <summary>A row of <c>program_campaigns</c> as the API returns it.</summary>
public sealed record CampaignView(
    Guid Id,
    Guid ProgramId,
    Guid CompanyId,
    string Name,
    int TargetEnrollment,
    int MaxEnrollment,
    Budget? Budget,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string Status,
    Guid TemplateId,
    int TemplateVersion,
    JsonElement Config,
    JsonElement ConfigOverrides,
    int Probability,
    Guid? ApprovalRequestId,
    Guid? ReservationId,
    Guid? OrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
