using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Repairs;
using EventSourced.Domain.Repairs.Events;
using EventSourced.IntegrationTests.Approvals;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary><c>orphaned-enrollment</c>: an enrollment whose program and campaign have no stream is unlinked from both.</summary>
public sealed class OrphanedEnrollmentRepairTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task An_enrollment_whose_program_has_no_stream_is_reported_and_unlinked()
    {
        var orphan = await db.OrphanedEnrollmentAsync("orphan");

        var finding = (await db.CheckAsync()).Finding(FindingKinds.OrphanedEnrollment, orphan.Enrollment);
        finding.Detail.ShouldContain($"program {orphan.Program}");
        finding.Detail.ShouldContain($"campaign {orphan.Campaign}");

        var outcome = await db.ShouldCompensateAsync(FindingKinds.OrphanedEnrollment, orphan.Enrollment, typeof(EnrollmentUnlinked), typeof(RepairRecorded));

        var unlinked = outcome.Events.OfType<EnrollmentUnlinked>().Single();
        unlinked.MissingProgramId.ShouldBe(orphan.Program);
        unlinked.MissingCampaignId.ShouldBe(orphan.Campaign);
        var row = await db.RowAsync($"select program_id, campaign_id, beneficiary_group_id, program_type, status from program_enrollments where id = '{orphan.Enrollment}'");
        row["program_id"].ShouldBeNull();
        row["campaign_id"].ShouldBeNull();
        row["beneficiary_group_id"].ShouldBeNull();
        row["program_type"].ShouldBe("mentorship"); // the legacy key stays
        row["status"].ShouldBe("active");
    }
}
