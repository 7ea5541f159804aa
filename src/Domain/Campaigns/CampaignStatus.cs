namespace EventSourced.Domain.Campaigns;

/// <summary>A campaign starts as a draft and is won when its approval is granted (the order is created).</summary>
public enum CampaignStatus
{
    Draft,
    Won,
}
