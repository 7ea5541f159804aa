namespace EventSourced.Domain.BeneficiaryGroups;

public static class BeneficiaryGroupRules
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int RegionMaxLength = 100;
}
