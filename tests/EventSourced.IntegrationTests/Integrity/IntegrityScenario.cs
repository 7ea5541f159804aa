using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Handlers.Enrollments;
using EventSourced.IntegrationTests.Approvals;
using EventSourced.Projections.Integrity;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>A store with every read table populated through the real handlers, and the check run against it.</summary>
internal static class IntegrityScenario
{
    /// <summary>Templates, a group, programs, campaigns (one won, one rejected, one pending), an order and enrollments.</summary>
    public static async Task<Populated> PopulateAsync(this MartenDatabase db, string key)
    {
        var won = await db.CampaignAtAsync($"{key}-won", 95);
        var wonApproval = await db.PendingApprovalAsync(won);
        await db.AcceptedAsync(new DecideApproval(wonApproval, "approve", "reviewer-1", "fits the budget"));

        var rejected = await db.CampaignAtAsync($"{key}-rejected", 92);
        var rejectedApproval = await db.PendingApprovalAsync(rejected);
        await db.AcceptedAsync(new DecideApproval(rejectedApproval, "reject", "reviewer-2", null));

        var pending = await db.CampaignAtAsync($"{key}-pending", 90);
        var programType = (string)(await db.RowAsync($"select p.program_type from programs p join program_campaigns c on c.program_id = p.id where c.id = '{won}'"))["program_type"]!;

        var enrollments = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            enrollments.Add(await db.EnrollAsync($"{key}-event-{i}", $"user-{key}-{i}", programType));
        }

        return new Populated(won, rejected, pending, enrollments);
    }

    public static async Task<Guid> EnrollAsync(this MartenDatabase db, string externalEventId, string userId, string programType)
    {
        await using var session = db.Session();
        var result = await EnrollmentHandler.EnrollAsync(
            new EnrollUser("kintell", externalEventId, userId, Programs.ProgramScenario.CompanyId, programType, db.Clock.GetUtcNow()),
            session, db.Clock, new ProgramLookupOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        return result.EnrollmentId;
    }

    public static Task<IntegrityReport> CheckAsync(this MartenDatabase db, IntegrityCheckOptions? options = null) =>
        IntegrityCheck.RunAsync(db.Store, options ?? new IntegrityCheckOptions { TenantId = db.TenantId }, db.Clock, cancellation: TestContext.Current.CancellationToken);

    public sealed record Populated(Guid WonCampaign, Guid RejectedCampaign, Guid PendingCampaign, IReadOnlyList<Guid> Enrollments);
}
