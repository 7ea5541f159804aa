using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Repairs;
using EventSourced.IntegrationTests.Approvals;
using EventSourced.IntegrationTests.Programs;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>
/// The repairable domain findings, made the way a bug in an old writer would have made them: events appended straight to
/// the streams, skipping the one the workflow would have appended with them. The inline projections still run, so the read
/// tables agree with the streams and only the domain finding is left.
/// </summary>
internal static class FindingScenario
{
    /// <summary>An enrollment created with a program and campaign that never had a stream.</summary>
    public static async Task<OrphanedEnrollment> OrphanedEnrollmentAsync(this MartenDatabase db, string key, Guid? programId = null)
    {
        var enrollment = Guid.NewGuid();
        var program = programId ?? Guid.NewGuid();
        var campaign = Guid.NewGuid();
        var group = Guid.NewGuid();
        var now = db.Clock.GetUtcNow();
        await using var session = db.Session();
        session.Events.StartStream<EnrollmentState>(enrollment,
            new EnrollmentCreated(enrollment, $"user-{key}", ProgramScenario.CompanyId, "mentorship", program, campaign, group, "kintell",
                $"{key}-event", now, now));
        await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new OrphanedEnrollment(enrollment, program, campaign, group);
    }

    /// <summary>A campaign moved to 95 % while the 90 % workflow was switched off: no approval, no reservation.</summary>
    public static async Task<Guid> CampaignWithoutApprovalAsync(this MartenDatabase db, string key)
    {
        var campaign = await db.CampaignAtAsync(key, 75);
        db.Workflow.Disable90PercentWorkflow = true;
        try
        {
            await db.AcceptedAsync(new SetCampaignProbability(campaign, 95));
        }
        finally
        {
            db.Workflow.Disable90PercentWorkflow = false;
        }

        return campaign;
    }

    /// <summary>An approval rejected (and the campaign's probability restored) without releasing its reservation.</summary>
    public static async Task<Workflow> DanglingReservationAsync(this MartenDatabase db, string key)
    {
        var workflow = await db.PendingWorkflowAsync(key);
        var now = db.Clock.GetUtcNow();
        await db.AppendAsync(workflow.Approval, new ApprovalRejected(workflow.Approval, "reviewer-9", "over budget", now));
        await db.AppendAsync(workflow.Campaign, new CampaignApprovalRejected(workflow.Campaign, workflow.Approval, 75, now));
        return workflow;
    }

    /// <summary>An approval approved without the order, the reservation's conversion and the campaign's win.</summary>
    public static async Task<(Workflow Workflow, Guid Order)> ApprovalWithoutOrderAsync(this MartenDatabase db, string key)
    {
        var workflow = await db.PendingWorkflowAsync(key);
        var order = Guid.NewGuid();
        await db.AppendAsync(workflow.Approval, new ApprovalApproved(workflow.Approval, "reviewer-8", "fits the budget", order, db.Clock.GetUtcNow()));
        return (workflow, order);
    }

    /// <summary>A campaign at 75 % then 95 % through the handlers: a pending approval and a held reservation.</summary>
    public static async Task<Workflow> PendingWorkflowAsync(this MartenDatabase db, string key)
    {
        var campaign = await db.CampaignAtAsync(key, 75);
        await db.AcceptedAsync(new SetCampaignProbability(campaign, 95));
        var row = await db.RowAsync($"select approval_request_id, reservation_id from program_campaigns where id = '{campaign}'");
        return new Workflow(campaign, (Guid)row["approval_request_id"]!, (Guid)row["reservation_id"]!);
    }

    /// <summary>One of each repairable finding, made once per database (the tests that share it must not repair it).</summary>
    public static Task<AllFindings> RepairableFindingsOnceAsync(this MartenDatabase db) =>
        db.OnceAsync("repairable findings", () => db.RepairableFindingsAsync("all"));

    /// <summary>One of each repairable finding.</summary>
    public static async Task<AllFindings> RepairableFindingsAsync(this MartenDatabase db, string key)
    {
        var orphan = await db.OrphanedEnrollmentAsync($"{key}-orphan");
        var campaign = await db.CampaignWithoutApprovalAsync($"{key}-no-approval");
        var dangling = await db.DanglingReservationAsync($"{key}-dangling");
        var (withoutOrder, order) = await db.ApprovalWithoutOrderAsync($"{key}-no-order");
        return new AllFindings(orphan, campaign, dangling, withoutOrder, order);
    }

    public static async Task AppendAsync(this MartenDatabase db, Guid stream, params object[] events)
    {
        await using var session = db.Session();
        session.Events.Append(stream, events);
        await session.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public sealed record AllFindings(OrphanedEnrollment Orphan, Guid CampaignWithoutApproval, Workflow Dangling, Workflow WithoutOrder, Guid Order)
    {
        /// <summary>The stream each finding is reported on (and its repair writes to), by kind.</summary>
        public IReadOnlyDictionary<string, Guid> StreamsByKind { get; } = new Dictionary<string, Guid>
        {
            [FindingKinds.OrphanedEnrollment] = Orphan.Enrollment,
            [FindingKinds.CampaignWithoutApproval] = CampaignWithoutApproval,
            [FindingKinds.DanglingReservation] = Dangling.Reservation,
            [FindingKinds.ApprovalWithoutOrder] = WithoutOrder.Approval,
        };
    }

    public sealed record OrphanedEnrollment(Guid Enrollment, Guid Program, Guid Campaign, Guid Group);

    public sealed record Workflow(Guid Campaign, Guid Approval, Guid Reservation);
}
