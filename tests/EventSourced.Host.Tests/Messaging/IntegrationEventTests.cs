using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Host.Tests.Approvals;
using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Host.Tests.Enrollments;
using EventSourced.Host.Tests.Programs;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;
using System.Net;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>
/// Issue 18, out: committed events leave as versioned integration events on the <c>eventsourced.integration</c> topic
/// exchange, through the outbox, with a stable message id; a refused command publishes nothing. A consumer is a plain
/// RabbitMQ queue bound to the exchange.
/// </summary>
public sealed class IntegrationEventTests(BrokerHostFixture fixture) : IClassFixture<BrokerHostFixture>
{
    [Fact]
    public async Task Templates_programs_and_enrollments_leave_as_the_documented_integration_events()
    {
        await using var consumer = await IntegrationEventConsumer.BindAsync(fixture.AmqpUri);
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        await PlainJsonProducer.PublishAsync(fixture.AmqpUri, KintellSessionCompleted.WireName,
            $$"""{"eventId": "{{eventId}}", "userId": "{{user}}", "programType": "{{type}}", "occurredAt": "{{OccurredAtJson}}"}""");
        var enrollmentId = IdOf(SourceSystems.Kintell, eventId);

        var received = await consumer.UntilAsync(m => m.Key == EnrollmentCreatedV1.Key && m.Guid("enrollmentId") == enrollmentId);

        var published = received.Where(m => m.Key == TemplatePublishedV1.Key && m.Guid("templateId") == program.TemplateId).ShouldHaveSingleItem();
        published.Guid("streamId").ShouldBe(program.TemplateId);
        var activated = received.Where(m => m.Key == ProgramStatusChangedV1.Key && m.Guid("programId") == program.Id).ShouldHaveSingleItem();
        (activated.String("from"), activated.String("to")).ShouldBe(("draft", "active"));
        var enrolled = received.Where(m => m.Key == EnrollmentCreatedV1.Key && m.Guid("enrollmentId") == enrollmentId).ShouldHaveSingleItem();
        (enrolled.String("userId"), enrolled.Guid("programId"), enrolled.String("externalEventId")).ShouldBe((user, program.Id, eventId));
        received.ShouldAllBe(m => m.ContentType == "application/json");
        // The message id is the stored event's id: distinct per event, and what a consumer deduplicates on.
        received.Select(m => m.Guid("messageId")).ShouldBeUnique();
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from mt_events where id = '{enrolled.Guid("messageId")}'")).ShouldBe(1);
    }

    [Fact]
    public async Task The_approval_workflow_leaves_as_requested_decided_and_order_created()
    {
        await using var consumer = await IntegrationEventConsumer.BindAsync(fixture.AmqpUri);
        var approved = await fixture.PendingAsync(Unique("approved"));
        var rejected = await fixture.PendingAsync(Unique("rejected"));
        var approval = await fixture.DecideAsync(approved.ApprovalRequestId!.Value, ApprovalRequests.Approve("reviewer-7", "Budget confirmed"));
        await fixture.DecideAsync(rejected.ApprovalRequestId!.Value, ApprovalRequests.Reject("reviewer-8", "No inventory in Q1"));

        var received = await consumer.UntilAsync(m => m.Key == ApprovalDecidedV1.Key && m.Guid("approvalId") == rejected.ApprovalRequestId);

        var requested = received.Where(m => m.Key == ApprovalRequestedV1.Key && m.Guid("campaignId") == approved.Id).ShouldHaveSingleItem();
        (requested.Guid("approvalId"), requested.Int("probabilityBefore"), requested.Int("probabilityAfter"))
            .ShouldBe((approved.ApprovalRequestId, 75, 92));
        var decided = received.Where(m => m.Key == ApprovalDecidedV1.Key && m.Guid("approvalId") == approved.ApprovalRequestId).ShouldHaveSingleItem();
        (decided.String("decision"), decided.String("reviewerId"), decided.String("reason"), decided.Guid("orderId"))
            .ShouldBe((ApprovalDecidedV1.Approved, "reviewer-7", "Budget confirmed", approval.OrderId));
        var order = received.Where(m => m.Key == OrderCreatedV1.Key && m.Guid("approvalId") == approved.ApprovalRequestId).ShouldHaveSingleItem();
        (order.Guid("orderId"), order.Guid("campaignId"), order.Int("seats")).ShouldBe((approval.OrderId, approved.Id, ApprovalRequests.MaxEnrollment));
        var refusal = received.Where(m => m.Key == ApprovalDecidedV1.Key && m.Guid("approvalId") == rejected.ApprovalRequestId).ShouldHaveSingleItem();
        (refusal.String("decision"), refusal.Guid("orderId")).ShouldBe((ApprovalDecidedV1.Rejected, null));
        received.Where(m => m.Key == OrderCreatedV1.Key && m.Guid("campaignId") == rejected.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_command_publishes_nothing()
    {
        await using var consumer = await IntegrationEventConsumer.BindAsync(fixture.AmqpUri);
        var type = Unique("mentorship");
        var refused = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var marker = await fixture.ActiveProgramOfTypeAsync(Unique("marker"), "Template", "Marker");

        var response = await fixture.Host.PutAsync($"/programs/{refused.Id}/status", ProgramRequests.Status("draft")); // active → draft: no
        response.Status.ShouldBe(HttpStatusCode.Conflict, response.Body);
        await fixture.StatusAsync(marker.Id, "paused");

        // The subscription relays in log order: once the later marker's change is out, the refused one would be too.
        var received = await consumer.UntilAsync(m => m.Key == ProgramStatusChangedV1.Key && m.Guid("programId") == marker.Id && m.String("to") == "paused");
        received.Where(m => m.Key == ProgramStatusChangedV1.Key && m.Guid("programId") == refused.Id).Select(m => m.String("to")).ShouldBe(["active"]);
    }
}
