namespace EventSourced.Domain.Programs.Events;

/// <summary>
/// Recorded on the program's stream when a campaign deploys it. The program thus knows its campaigns (a migration
/// must re-validate each), and a migration racing a new campaign fails Marten's version check instead of missing it.
/// </summary>
public sealed record CampaignDeployed(Guid ProgramId, Guid CampaignId, Guid CompanyId, DateTimeOffset DeployedAt);
