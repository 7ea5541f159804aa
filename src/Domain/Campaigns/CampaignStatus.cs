namespace EventSourced.Domain.Campaigns;

/// <summary>A campaign starts as a draft; the approval workflow (probability, won/lost) extends this lifecycle.</summary>
public enum CampaignStatus
{
    Draft,
}
