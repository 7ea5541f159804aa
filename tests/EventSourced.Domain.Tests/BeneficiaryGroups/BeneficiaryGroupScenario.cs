using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.BeneficiaryGroups.Events;

namespace EventSourced.Domain.Tests.BeneficiaryGroups;

/// <summary>Builders for beneficiary group tests.</summary>
internal static class BeneficiaryGroupScenario
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CreateBeneficiaryGroup ValidCreate(IReadOnlyList<string>? tags = null) =>
        new("Syrian refugees in Germany", "Adults who arrived since 2015", "DE", tags ?? ["refugees", "syria"]);

    public static BeneficiaryGroup Existing() =>
        BeneficiaryGroup.Evolve(null, new BeneficiaryGroupCreated(Guid.NewGuid(), "Syrian refugees in Germany", "Adults who arrived since 2015",
            "DE", ["refugees", "syria"], Created))!;

    public static UpdateBeneficiaryGroup Update(BeneficiaryGroup group, string? name = null, string? description = null, string? region = null,
        IReadOnlyList<string>? tags = null) => new(group.Id, name, description, region, tags);

    public static string[] ManyTags(int count) => Enumerable.Range(1, count).Select(i => $"tag-{i}").ToArray();
}
