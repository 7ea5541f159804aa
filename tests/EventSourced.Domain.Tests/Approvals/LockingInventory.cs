using EventSourced.Domain.Approvals;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Tests.Campaigns;
using EventSourced.Domain.Tests.Templates;
using static EventSourced.Domain.Tests.Approvals.ApprovalScenario;

namespace EventSourced.Domain.Tests.Approvals;

/// <summary>
/// While an approval is pending or granted, the reservation (then the order) holds the campaign's seats (maxEnrollment),
/// budget and dates as they were: an edit changing any of them is refused; everything else, or the same values, is not.
/// </summary>
public class LockingInventory
{
    private static readonly Template Template = CampaignScenario.ActiveTemplate();

    /// <summary>Each reserved figure, changed by the smallest step.</summary>
    public static TheoryData<ApprovalStatus, string> LockedChanges()
    {
        var data = new TheoryData<ApprovalStatus, string>();
        foreach (var status in new[] { ApprovalStatus.Pending, ApprovalStatus.Approved })
        {
            foreach (var change in new[] { "maxEnrollment+1", "maxEnrollment-1", "budget.amount", "budget.currency", "startDate", "endDate", "name+maxEnrollment" })
            {
                data.Add(status, change);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LockedChanges))]
    public void GivenPendingOrGrantedApproval_WhenAReservedFigureChanges_ThenTheInventoryIsLocked(ApprovalStatus status, string change)
    {
        var campaign = CampaignWith(status);

        var error = Update(campaign, Change(campaign, change)).ShouldBeRejected(ErrorKind.Conflict);

        error.Title.ShouldBe("Campaign inventory is locked");
        error.Title.ShouldBe(CampaignDecisions.InventoryLocked);
        error.Detail.ShouldBe($"Campaign {CampaignId} has a {(status == ApprovalStatus.Pending ? "pending" : "granted")} approval; " +
            "maxEnrollment, budget, startDate and endDate can no longer change.");
        error.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void GivenPendingApprovalOfACampaignWithoutBudget_WhenABudgetIsSet_ThenTheInventoryIsLocked()
    {
        var campaign = Pending(75, 92, budget: null).Campaign;

        Update(campaign, NoChanges(campaign) with { Budget = Eur25K }).ShouldBeRejected(ErrorKind.Conflict).Title.ShouldBe("Campaign inventory is locked");
    }

    [Theory]
    [InlineData(ApprovalStatus.Pending)]
    [InlineData(ApprovalStatus.Approved)]
    public void GivenPendingOrGrantedApproval_WhenTheReservedFiguresAreSentUnchanged_ThenTheEditIsAccepted(ApprovalStatus status)
    {
        var campaign = CampaignWith(status);

        var updated = Update(campaign, NoChanges(campaign) with
        {
            Name = "Acme Mentoring Q1 (signed)",
            MaxEnrollment = MaxEnrollment,
            Budget = new Budget(25000.0m, "EUR"), // equal to 25000.00 EUR, written with another scale
            StartDate = new DateOnly(2027, 1, 1),
            EndDate = new DateOnly(2027, 6, 30),
        }).ShouldEmitSingle<CampaignUpdated>();

        updated.ShouldSatisfyAllConditions(
            u => u.Name.ShouldBe("Acme Mentoring Q1 (signed)"),
            u => u.MaxEnrollment.ShouldBe(MaxEnrollment),
            u => u.Budget.ShouldBe(Eur25K),
            u => u.StartDate.ShouldBe(Start),
            u => u.EndDate.ShouldBe(End),
            u => u.UpdatedAt.ShouldBe(Now));
    }

    [Theory]
    [InlineData(ApprovalStatus.Pending)]
    [InlineData(ApprovalStatus.Approved)]
    public void GivenPendingOrGrantedApproval_WhenOnlyOtherFieldsChange_ThenTheEditIsAccepted(ApprovalStatus status)
    {
        var campaign = CampaignWith(status);

        var updated = Update(campaign, NoChanges(campaign) with
        {
            Name = "Acme Mentoring Q1 (renamed)",
            TargetEnrollment = 22,
            ConfigOverrides = Json.Parse("{'session': {'defaultDurationMinutes': 50}}"),
        }).ShouldEmitSingle<CampaignUpdated>();

        updated.ShouldSatisfyAllConditions(
            u => u.Name.ShouldBe("Acme Mentoring Q1 (renamed)"),
            u => u.TargetEnrollment.ShouldBe(22),
            u => u.MaxEnrollment.ShouldBe(MaxEnrollment),
            u => u.Budget.ShouldBe(Eur25K),
            u => u.StartDate.ShouldBe(Start),
            u => u.EndDate.ShouldBe(End),
            u => u.ConfigOverrides.ShouldBeJson("{'session': {'defaultDurationMinutes': 50}}"));
    }

    [Theory]
    [InlineData("maxEnrollment+1")]
    [InlineData("budget.amount")]
    [InlineData("budget.currency")]
    [InlineData("startDate")]
    [InlineData("endDate")]
    public void GivenRejectedApproval_WhenAReservedFigureChanges_ThenTheEditIsAccepted(string change)
    {
        var campaign = Rejected().Campaign;
        campaign.ApprovalStatus.ShouldBe(ApprovalStatus.Rejected);
        var command = Change(campaign, change);

        var updated = Update(campaign, command).ShouldEmitSingle<CampaignUpdated>();

        updated.ShouldSatisfyAllConditions(
            u => u.MaxEnrollment.ShouldBe(command.MaxEnrollment ?? MaxEnrollment),
            u => u.Budget.ShouldBe(command.Budget ?? Eur25K),
            u => u.StartDate.ShouldBe(command.StartDate ?? Start),
            u => u.EndDate.ShouldBe(command.EndDate ?? End));
    }

    [Fact]
    public void GivenCampaignNeverSentToApproval_WhenAReservedFigureChanges_ThenTheEditIsAccepted()
    {
        var campaign = Campaign(89);
        campaign.ApprovalStatus.ShouldBeNull();

        Update(campaign, NoChanges(campaign) with { MaxEnrollment = 30, Budget = new Budget(1m, "USD") })
            .ShouldEmitSingle<CampaignUpdated>().ShouldSatisfyAllConditions(
                u => u.MaxEnrollment.ShouldBe(30),
                u => u.Budget.ShouldBe(new Budget(1m, "USD")));
    }

    private static CampaignState CampaignWith(ApprovalStatus status)
    {
        var campaign = status switch
        {
            ApprovalStatus.Pending => Pending().Campaign,
            ApprovalStatus.Approved => Approved().Campaign,
            _ => Rejected().Campaign,
        };
        campaign.ApprovalStatus.ShouldBe(status);
        (campaign.MaxEnrollment, campaign.Budget, campaign.StartDate, campaign.EndDate).ShouldBe((MaxEnrollment, Eur25K, Start, End));
        return campaign;
    }

    private static UpdateCampaign NoChanges(CampaignState campaign) => CampaignScenario.NoChanges(campaign);

    private static UpdateCampaign Change(CampaignState campaign, string change) => change switch
    {
        "maxEnrollment+1" => NoChanges(campaign) with { MaxEnrollment = MaxEnrollment + 1 },
        "maxEnrollment-1" => NoChanges(campaign) with { MaxEnrollment = MaxEnrollment - 1 },
        "budget.amount" => NoChanges(campaign) with { Budget = new Budget(25000.01m, "EUR") },
        "budget.currency" => NoChanges(campaign) with { Budget = new Budget(25000.00m, "USD") },
        "startDate" => NoChanges(campaign) with { StartDate = Start.AddDays(1) },
        "endDate" => NoChanges(campaign) with { EndDate = End.AddDays(1) },
        "name+maxEnrollment" => NoChanges(campaign) with { Name = "Acme Mentoring Q1 (bigger)", MaxEnrollment = MaxEnrollment + 5 },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    private static Decision Update(CampaignState campaign, UpdateCampaign command) => CampaignDecisions.Update(campaign, command, Template, Now);
}
