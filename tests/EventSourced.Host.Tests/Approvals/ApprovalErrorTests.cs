using System.Net;
using System.Text.Json;
using EventSourced.Projections.Approvals;
using EventSourced.Projections.Campaigns;
using EventSourced.Testing;
using static EventSourced.Host.Tests.Approvals.ApprovalRequests;

namespace EventSourced.Host.Tests.Approvals;

/// <summary>Every refusal of the workflow's endpoints: the status, the problem's title and fields, and nothing saved.</summary>
public sealed class ApprovalErrorTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Deciding_an_approved_approval_again_is_a_409_carrying_the_first_decision(string secondAction)
    {
        var crossed = await fixture.PendingAsync($"error-twice-{secondAction}");
        var approvalId = crossed.ApprovalRequestId!.Value;
        var requestedAt = fixture.Clock.Now;
        var decidedAt = requestedAt.AddMinutes(30);
        try
        {
            fixture.Clock.Now = decidedAt;
            var first = await fixture.DecideAsync(approvalId, Approve("reviewer-1", "Budget confirmed"));
            var eventsBefore = await fixture.EventsAsync();
            fixture.Clock.Now = decidedAt.AddHours(1);

            var second = await fixture.Host.PutAsync($"/approvals/{approvalId}",
                $$"""{"action": "{{secondAction}}", "reviewerId": "reviewer-2", "reason": "Second thoughts"}""");

            second.Status.ShouldBe(HttpStatusCode.Conflict, second.Body);
            second.Problem.Title.ShouldBe("Approval already decided");
            second.Problem.Status.ShouldBe(409);
            second.Problem.Detail.ShouldBe($"Approval {approvalId} was already approved by reviewer-1 at {decidedAt:O}.");
            second.Problem.Errors.ShouldBeNull();
            using var body = JsonDocument.Parse(second.Body);
            var root = body.RootElement;
            root.GetProperty("currentStatus").GetString().ShouldBe("approved");
            root.GetProperty("reviewerId").GetString().ShouldBe("reviewer-1");
            root.GetProperty("reason").GetString().ShouldBe("Budget confirmed");
            root.GetProperty("decidedAt").GetDateTimeOffset().ShouldBe(decidedAt);
            (await fixture.EventsAsync()).ShouldBe(eventsBefore);
            (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().ShouldBe(first);
            (await fixture.OrdersAsync(crossed.Id)).ShouldHaveSingleItem();
            (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["status"].ShouldBe("converted");
            await fixture.ShouldPassRunbookDiagnosesAsync();
        }
        finally
        {
            fixture.Clock.Now = requestedAt;
        }
    }

    [Fact]
    public async Task Deciding_a_rejected_approval_again_is_a_409_carrying_the_rejection()
    {
        var crossed = await fixture.PendingAsync("error-twice-rejected");
        var approvalId = crossed.ApprovalRequestId!.Value;
        await fixture.DecideAsync(approvalId, """{"action": "reject", "reviewerId": "reviewer-9"}""");
        var eventsBefore = await fixture.EventsAsync();

        var second = await fixture.Host.PutAsync($"/approvals/{approvalId}", Approve("reviewer-2"));

        second.Status.ShouldBe(HttpStatusCode.Conflict, second.Body);
        second.Problem.Title.ShouldBe("Approval already decided");
        using var body = JsonDocument.Parse(second.Body);
        var root = body.RootElement;
        root.GetProperty("currentStatus").GetString().ShouldBe("rejected");
        root.GetProperty("reviewerId").GetString().ShouldBe("reviewer-9");
        root.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("decidedAt").GetDateTimeOffset().ShouldBe(fixture.Clock.Now);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.CampaignAsync(crossed.Id)).ShouldSatisfyAllConditions(c => c.Probability.ShouldBe(75), c => c.Status.ShouldBe("draft"));
        (await fixture.OrdersAsync(crossed.Id)).ShouldBeEmpty();
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task An_unknown_approval_is_a_404_on_GET_and_PUT()
    {
        var id = Guid.NewGuid();
        var eventsBefore = await fixture.EventsAsync();

        var get = await fixture.Host.GetAsync($"/approvals/{id}");
        var put = await fixture.Host.PutAsync($"/approvals/{id}", Approve());

        foreach (var response in new[] { get, put })
        {
            response.Status.ShouldBe(HttpStatusCode.NotFound, response.Body);
            response.Problem.Title.ShouldBe("Approval not found");
            response.Problem.Detail.ShouldBe($"No approval with id '{id}'.");
        }

        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.Host.GetAsync($"/api/workflow/health")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_id_of_a_campaign_or_of_a_reservation_is_not_an_approval()
    {
        var crossed = await fixture.PendingAsync("error-not-an-approval");
        var eventsBefore = await fixture.EventsAsync();

        foreach (var id in new[] { crossed.Id, crossed.ReservationId!.Value })
        {
            var get = await fixture.Host.GetAsync($"/approvals/{id}");
            var put = await fixture.Host.PutAsync($"/approvals/{id}", Approve());

            get.Status.ShouldBe(HttpStatusCode.NotFound, get.Body);
            get.Problem.Title.ShouldBe("Approval not found");
            put.Status.ShouldBe(HttpStatusCode.NotFound, put.Body);
            put.Problem.Title.ShouldBe("Approval not found");
        }

        var asCampaign = await fixture.Host.PutAsync($"/campaigns/{crossed.ApprovalRequestId}/probability", Probability(95));
        asCampaign.Status.ShouldBe(HttpStatusCode.NotFound, asCampaign.Body);
        asCampaign.Problem.Title.ShouldBe("Campaign not found");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.ApprovalsAsync($"campaignId={crossed.Id}")).ShouldHaveSingleItem().Status.ShouldBe("pending");
    }

    [Theory]
    [InlineData("""{"action": "maybe", "reviewerId": "reviewer-1"}""", "action")]
    [InlineData("""{"action": "approved", "reviewerId": "reviewer-1"}""", "action")]
    [InlineData("""{"reviewerId": "reviewer-1"}""", "action")]
    [InlineData("""{"action": "", "reviewerId": "reviewer-1"}""", "action")]
    [InlineData("""{"action": "approve"}""", "reviewerId")]
    [InlineData("""{"action": "reject", "reviewerId": "   "}""", "reviewerId")]
    [InlineData("""{"action": "approve", "reviewerId": null, "reason": "ok"}""", "reviewerId")]
    [InlineData("""{}""", "action,reviewerId")]
    [InlineData("""{"action": "maybe"}""", "action,reviewerId")]
    public async Task An_invalid_decision_is_a_400_naming_the_field_and_decides_nothing(string body, string fields)
    {
        var crossed = await fixture.PendingAsync($"error-decision-{Guid.NewGuid():N}"[..30]);
        var approvalId = crossed.ApprovalRequestId!.Value;
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/approvals/{approvalId}", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors.ShouldNotBeNull().Keys.Order(StringComparer.Ordinal).ShouldBe(fields.Split(','));
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.Host.GetAsync($"/approvals/{approvalId}")).As<ApprovalView>().Status.ShouldBe("pending");
    }

    [Fact]
    public async Task A_reviewer_over_200_or_a_reason_over_2000_characters_is_a_400()
    {
        var crossed = await fixture.PendingAsync("error-lengths");
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/approvals/{crossed.ApprovalRequestId}",
            $$"""{"action": "approve", "reviewerId": "{{new string('r', 201)}}", "reason": "{{new string('x', 2001)}}"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors.ShouldNotBeNull().Keys.Order(StringComparer.Ordinal).ShouldBe(["reason", "reviewerId"]);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);

        var longest = await fixture.DecideAsync(crossed.ApprovalRequestId!.Value,
            $$"""{"action": "approve", "reviewerId": "{{new string('r', 200)}}", "reason": "{{new string('x', 2000)}}"}""");
        (longest.ReviewerId!.Length, longest.Reason!.Length).ShouldBe((200, 2000));
    }

    [Fact]
    public async Task An_unknown_action_is_explained()
    {
        var crossed = await fixture.PendingAsync("error-maybe-message");

        var response = await fixture.Host.PutAsync($"/approvals/{crossed.ApprovalRequestId}", """{"action": "maybe", "reviewerId": "reviewer-1"}""");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Errors.ShouldNotBeNull()["action"].ShouldBe(["'action' must be 'approve' or 'reject'."]);
    }

    [Theory]
    [InlineData("""{"action": 1, "reviewerId": "reviewer-1"}""", "$.action")]
    [InlineData("""{"action": "approve", "reviewerId": 42}""", "$.reviewerId")]
    [InlineData("""{"action": ["approve"], "reviewerId": "reviewer-1"}""", "$.action")]
    [InlineData("""{"action": "approve", "reviewerId": "reviewer-1", "approved": true}""", "approved")]
    [InlineData("""{"action": "approve", """, "$")]
    public async Task A_malformed_decision_is_a_400_never_a_500(string body, string mentioned)
    {
        var crossed = await fixture.PendingAsync($"error-malformed-{Guid.NewGuid():N}"[..30]);
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/approvals/{crossed.ApprovalRequestId}", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid JSON format");
        response.Problem.Detail.ShouldNotBeNull().ShouldContain(mentioned);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
    }

    [Theory]
    [InlineData("probability", """{"probability": 101}""")]
    [InlineData("probability", """{"probability": -1}""")]
    [InlineData("probability", """{}""")]
    [InlineData("probability", """{"probability": null}""")]
    [InlineData("", """{"probability": 101}""")]
    [InlineData("", """{"probability": -1}""")]
    public async Task A_probability_outside_0_to_100_or_missing_is_a_400_naming_probability(string endpoint, string body)
    {
        var campaign = await fixture.CampaignAtAsync($"error-range-{Guid.NewGuid():N}"[..30], 75);
        var eventsBefore = await fixture.EventsAsync();
        var url = endpoint.Length == 0 ? $"/campaigns/{campaign.Id}" : $"/campaigns/{campaign.Id}/{endpoint}";

        var response = await fixture.Host.PutAsync(url, body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Validation failed");
        response.Problem.Errors.ShouldNotBeNull().Keys.ShouldBe(["probability"]);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.CampaignAsync(campaign.Id)).Probability.ShouldBe(75);
    }

    [Theory]
    [InlineData("/probability", """{"probability": "high"}""", "$.probability")]
    [InlineData("/probability", """{"probability": "92"}""", "$.probability")]
    [InlineData("/probability", """{"probability": 92.5}""", "$.probability")]
    [InlineData("/probability", """{"probability": true}""", "$.probability")]
    [InlineData("/probability", """{"probability": 92, "approve": true}""", "approve")]
    [InlineData("/probability", """{"probability": 9""", "$")]
    [InlineData("", """{"probability": "high"}""", "$.probability")]
    [InlineData("", """{"name": "Renamed", "probability": [92]}""", "$.probability")]
    public async Task A_probability_of_the_wrong_JSON_type_is_a_400_never_a_500(string suffix, string body, string mentioned)
    {
        var campaign = await fixture.CampaignAtAsync($"error-type-{Guid.NewGuid():N}"[..30], 75);
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{campaign.Id}{suffix}", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid JSON format");
        response.Problem.Detail.ShouldNotBeNull().ShouldContain(mentioned);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.CampaignAsync(campaign.Id)).ShouldSatisfyAllConditions(c => c.Probability.ShouldBe(75), c => c.Name.ShouldBe(campaign.Name));
    }

    [Theory]
    [InlineData("/probability")]
    [InlineData("")]
    public async Task An_unknown_campaign_is_a_404(string suffix)
    {
        var id = Guid.NewGuid();
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{id}{suffix}", Probability(92));

        response.Status.ShouldBe(HttpStatusCode.NotFound, response.Body);
        response.Problem.Title.ShouldBe("Campaign not found");
        response.Problem.Detail.ShouldBe($"No campaign with id '{id}'.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await Sql.ScalarAsync(fixture.ConnectionString, $"select count(*) from campaign_approvals where campaign_id = '{id}'")).ShouldBe(0);
    }

    [Theory]
    [InlineData("/probability", """{"probability": 89}""")]
    [InlineData("/probability", """{"probability": 0}""")]
    [InlineData("", """{"probability": 75}""")]
    [InlineData("", """{"name": "Renamed", "probability": 50}""")]
    public async Task Lowering_below_90_while_the_approval_is_pending_is_a_409(string suffix, string body)
    {
        var crossed = await fixture.PendingAsync($"error-lower-{Guid.NewGuid():N}"[..30]);
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}{suffix}", body);

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.Body);
        response.Problem.Title.ShouldBe("Approval pending");
        response.Problem.Detail.ShouldBe(
            $"Campaign {crossed.Id} has pending approval {crossed.ApprovalRequestId}; approve or reject it before lowering the probability below 90.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.CampaignAsync(crossed.Id)).ShouldSatisfyAllConditions(c => c.Probability.ShouldBe(92), c => c.Name.ShouldBe(crossed.Name));
        (await fixture.ReservationsAsync(crossed.Id)).ShouldHaveSingleItem()["status"].ShouldBe("reserved");
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Theory]
    [InlineData("/probability", """{"probability": 50}""")]
    [InlineData("/probability", """{"probability": 95}""")]
    [InlineData("/probability", """{"probability": 0}""")]
    [InlineData("", """{"probability": 99}""")]
    [InlineData("", """{"name": "Renamed", "probability": 50}""")]
    public async Task Any_probability_change_on_a_won_campaign_is_a_409(string suffix, string body)
    {
        var crossed = await fixture.PendingAsync($"error-won-{Guid.NewGuid():N}"[..30]);
        var orderId = (await fixture.DecideAsync(crossed.ApprovalRequestId!.Value, Approve())).OrderId;
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}{suffix}", body);

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.Body);
        response.Problem.Title.ShouldBe("Campaign is won");
        response.Problem.Detail.ShouldBe($"Campaign {crossed.Id} was won (order {orderId}); its probability stays at 100.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.CampaignAsync(crossed.Id)).ShouldSatisfyAllConditions(
            c => c.Probability.ShouldBe(100), c => c.Status.ShouldBe("won"), c => c.Name.ShouldBe(crossed.Name));
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Resending_100_to_a_won_campaign_changes_nothing()
    {
        var crossed = await fixture.PendingAsync("error-won-resend");
        await fixture.DecideAsync(crossed.ApprovalRequestId!.Value, Approve());
        var before = await fixture.Host.GetAsync($"/campaigns/{crossed.Id}");
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}/probability", Probability(100));

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.Body.ShouldBe(before.Body);
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
    }

    [Theory]
    [InlineData("""{"maxEnrollment": 41}""")]
    [InlineData("""{"maxEnrollment": 39}""")]
    [InlineData("""{"budget": {"amount": 25000.51, "currency": "EUR"}}""")]
    [InlineData("""{"budget": {"amount": 25000.50, "currency": "USD"}}""")]
    [InlineData("""{"startDate": "2027-01-16"}""")]
    [InlineData("""{"endDate": "2027-07-01"}""")]
    [InlineData("""{"name": "Renamed", "maxEnrollment": 41}""")]
    [InlineData("""{"maxEnrollment": 41, "probability": 95}""")]
    public async Task Changing_the_reserved_figures_while_the_approval_is_pending_is_a_409(string body)
    {
        var crossed = await fixture.PendingAsync($"error-locked-{Guid.NewGuid():N}"[..30]);
        var before = await fixture.Host.GetAsync($"/campaigns/{crossed.Id}");
        var reservationBefore = await fixture.SnapshotAsync("inventory_reservations", crossed.Id);
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}", body);

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.Body);
        response.Problem.Title.ShouldBe("Campaign inventory is locked");
        response.Problem.Detail.ShouldBe(
            $"Campaign {crossed.Id} has a pending approval; maxEnrollment, budget, startDate and endDate can no longer change.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.Host.GetAsync($"/campaigns/{crossed.Id}")).Body.ShouldBe(before.Body);
        (await fixture.SnapshotAsync("inventory_reservations", crossed.Id)).ShouldBe(reservationBefore);
    }

    [Fact]
    public async Task Changing_the_reserved_figures_of_a_won_campaign_is_a_409()
    {
        var crossed = await fixture.PendingAsync("error-locked-won");
        await fixture.DecideAsync(crossed.ApprovalRequestId!.Value, Approve());
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}", """{"budget": {"amount": 1, "currency": "EUR"}}""");

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.Body);
        response.Problem.Title.ShouldBe("Campaign inventory is locked");
        response.Problem.Detail.ShouldBe(
            $"Campaign {crossed.Id} has a granted approval; maxEnrollment, budget, startDate and endDate can no longer change.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
        (await fixture.OrdersAsync(crossed.Id)).ShouldHaveSingleItem()["amount"].ShouldBe("25000.50");
    }

    [Theory]
    [InlineData("""{"name": "Acme Q1 renamed", "targetEnrollment": 35}""")]
    [InlineData("""{"configOverrides": {"session": {"defaultDurationMinutes": 50}}}""")]
    [InlineData("""{"maxEnrollment": 40, "budget": {"amount": 25000.5, "currency": "EUR"}, "startDate": "2027-01-15", "endDate": "2027-06-30"}""")]
    public async Task Other_fields_or_the_same_reserved_figures_can_be_sent_while_the_approval_is_pending(string body)
    {
        var crossed = await fixture.PendingAsync($"error-unlocked-{Guid.NewGuid():N}"[..30]);
        var reservationBefore = await fixture.SnapshotAsync("inventory_reservations", crossed.Id);

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}", body);

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var updated = response.As<CampaignView>();
        updated.ShouldSatisfyAllConditions(
            c => c.MaxEnrollment.ShouldBe(MaxEnrollment),
            c => c.Budget.ShouldBe(new Domain.Campaigns.Budget(25000.50m, "EUR")),
            c => c.StartDate.ShouldBe(new DateOnly(2027, 1, 15)),
            c => c.EndDate.ShouldBe(new DateOnly(2027, 6, 30)),
            c => c.Probability.ShouldBe(92),
            c => c.ApprovalRequestId.ShouldBe(crossed.ApprovalRequestId));
        (await fixture.SnapshotAsync("inventory_reservations", crossed.Id)).ShouldBe(reservationBefore);
        (await fixture.ApprovalsAsync($"campaignId={crossed.Id}")).ShouldHaveSingleItem().Status.ShouldBe("pending");
        await fixture.ShouldPassRunbookDiagnosesAsync();
    }

    [Fact]
    public async Task Renaming_while_pending_is_saved()
    {
        var crossed = await fixture.PendingAsync("error-rename-pending");

        var response = await fixture.Host.PutAsync($"/campaigns/{crossed.Id}", """{"name": "Acme Q1 renamed"}""");

        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        response.As<CampaignView>().Name.ShouldBe("Acme Q1 renamed");
        (await fixture.CampaignAsync(crossed.Id)).Name.ShouldBe("Acme Q1 renamed");
    }

    [Theory]
    [InlineData("/campaigns/{0}/probability")]
    [InlineData("/campaigns/{0}")]
    [InlineData("/approvals/{1}")]
    public async Task A_null_body_is_a_400(string template)
    {
        var crossed = await fixture.PendingAsync($"error-null-{Guid.NewGuid():N}"[..30]);
        var eventsBefore = await fixture.EventsAsync();

        var response = await fixture.Host.PutAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, crossed.Id,
            crossed.ApprovalRequestId), "null");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid request body");
        response.Problem.Detail.ShouldBe("The request body must be a JSON object.");
        (await fixture.EventsAsync()).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task A_campaign_id_filter_that_is_not_a_uuid_is_a_400()
    {
        var response = await fixture.Host.GetAsync("/approvals?status=pending&campaignId=acme");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body);
        response.Problem.Title.ShouldBe("Invalid query string value");
        response.Problem.Detail.ShouldNotBeNull().ShouldContain("'campaignId'");
    }
}
