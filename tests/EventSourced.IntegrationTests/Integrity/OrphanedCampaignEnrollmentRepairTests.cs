using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.IntegrationTests.Approvals;
using EventSourced.IntegrationTests.Programs;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary><c>orphaned-enrollment</c> when only the campaign has no stream: the campaign is unlinked, the program kept.</summary>
public sealed class OrphanedCampaignEnrollmentRepairTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task An_enrollment_whose_campaign_has_no_stream_keeps_its_program()
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync("orphan-campaign"), "Orphan campaign");
        var orphan = await db.OrphanedEnrollmentAsync("orphan-campaign", program);

        var finding = (await db.CheckAsync()).Finding(FindingKinds.OrphanedEnrollment, orphan.Enrollment);
        finding.Detail.ShouldContain($"campaign {orphan.Campaign}");
        finding.Detail.ShouldNotContain($"program {program}");

        var outcome = await db.ShouldCompensateAsync(FindingKinds.OrphanedEnrollment, orphan.Enrollment, typeof(EnrollmentUnlinked), typeof(RepairRecorded));

        var unlinked = outcome.Events.OfType<EnrollmentUnlinked>().Single();
        unlinked.MissingProgramId.ShouldBeNull();
        unlinked.MissingCampaignId.ShouldBe(orphan.Campaign);
        var row = await db.RowAsync($"select program_id, campaign_id, beneficiary_group_id from program_enrollments where id = '{orphan.Enrollment}'");
        row["program_id"].ShouldBe(program);
        row["campaign_id"].ShouldBeNull();
        row["beneficiary_group_id"].ShouldBe(orphan.Group);
    }
}
