using EventSourced.Host.Tests.Messaging;
using EventSourced.Domain.Enrollments;
using EventSourced.Host.Tests.Programs;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// kintell.session.completed, buddy.match.created and upskilling.course.enrolled, each sent as its contract message to
/// Wolverine's durable local queue and handled there: the program context is looked up (campaign of the user's company,
/// else the active program of that programType, else legacy) and the runbook's query shows the result.
/// </summary>
public sealed class SourceEventTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(SourceSystems.Kintell)]
    [InlineData(SourceSystems.Buddy)]
    [InlineData(SourceSystems.Upskilling)]
    public async Task An_event_enrolls_the_user_in_the_active_program_of_its_program_type(string source)
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, $"Template of {type}", $"Program of {type}");
        await fixture.ActiveProgramOfTypeAsync(Unique("upskilling"), "Another template", $"Another program {type}"); // another type: never chosen
        await fixture.DraftProgramOfTypeAsync(type, "Draft template", $"Draft program {type}"); // same type, not active: never chosen
        var logs = EnrollmentLogCapture.AttachTo(fixture);
        var (user, eventId, companyId) = (Unique("user"), Unique($"{source}-event"), Guid.NewGuid());
        var message = SourceEvent(source, eventId, user, companyId, type, OccurredAt);

        var session = await fixture.DeliverAsync(message);

        session.ShouldHaveSucceeded();
        session.MessageSucceeded.Envelopes().WithoutReminders().Single().Message.ShouldBe(message);
        var id = IdOf(source, eventId);
        var enrollment = (await fixture.EnrollmentsOfAsync(user)).ShouldHaveSingleItem();
        enrollment.ShouldBe(fixture.Expected(id, user, companyId, type, program, source, eventId));
        (await fixture.RunbookQueryAsync(user)).ShouldBe([
            RunbookRow(id, user, type, program.Id, null, program.BeneficiaryGroupId, source, "active", $"Program of {type}", $"Template of {type}"),
        ]);
        (await fixture.StreamOfAsync(id)).ShouldBe(["enrollment_created.v1"]);
        logs.LinesMentioning(user).ShouldBe([
            $"Information: Found program context for enrollment: user {user}, programType {type} -> program {program.Id}, campaign (null)",
            $"Information: Created enrollment with program context: enrollment {id}, user {user}, program {program.Id}, source {source}",
        ]);
    }

    [Theory]
    [InlineData(SourceSystems.Kintell)]
    [InlineData(SourceSystems.Buddy)]
    [InlineData(SourceSystems.Upskilling)]
    public async Task Without_an_active_program_of_its_type_the_enrollment_is_legacy(string source)
    {
        var type = Unique("buddy-program");
        await fixture.DraftProgramOfTypeAsync(type, "Draft template", $"Draft program {type}"); // a draft does not count
        await fixture.ActiveProgramOfTypeAsync(Unique("other"), "Other template", $"Other program {type}"); // nor does another type
        var logs = EnrollmentLogCapture.AttachTo(fixture);
        var (user, eventId, companyId) = (Unique("user"), Unique($"{source}-event"), Guid.NewGuid());

        var session = await fixture.DeliverAsync(SourceEvent(source, eventId, user, companyId, type, OccurredAt));

        session.ShouldHaveSucceeded();
        var id = IdOf(source, eventId);
        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([fixture.Expected(id, user, companyId, type, program: null, source, eventId)]);
        (await fixture.RunbookQueryAsync(user)).ShouldBe([RunbookRow(id, user, type, null, null, null, source, "active", null, null)]);
        logs.LinesMentioning(user).ShouldBe([
            $"Warning: No matching program found for programType {type} (user {user}, company {companyId}); created legacy enrollment {id}",
        ]);
    }

    [Theory]
    [InlineData(SourceSystems.Kintell)]
    [InlineData(SourceSystems.Buddy)]
    [InlineData(SourceSystems.Upskilling)]
    public async Task A_won_campaign_of_the_users_company_wins_over_the_oldest_active_program(string source)
    {
        var type = Unique("mentorship");
        var start = fixture.Clock.Now;
        await fixture.ActiveProgramOfTypeAsync(type, "Oldest template", $"Oldest {type}"); // chosen without the campaign
        fixture.Clock.Now = start.AddMinutes(1);
        var newer = await fixture.ActiveProgramOfTypeAsync(type, "Newer template", $"Newer {type}");
        var company = Guid.NewGuid();
        var campaign = await fixture.WonCampaignAsync(newer.Id, company);
        fixture.Clock.Now = start.AddMinutes(2);
        var logs = EnrollmentLogCapture.AttachTo(fixture);
        var (user, eventId) = (Unique("user"), Unique($"{source}-event"));

        var session = await fixture.DeliverAsync(SourceEvent(source, eventId, user, company, type, OccurredAt));

        session.ShouldHaveSucceeded();
        var id = IdOf(source, eventId);
        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([
            fixture.Expected(id, user, company, type, newer, source, eventId, campaignId: campaign.Id),
        ]);
        (await fixture.RunbookQueryAsync(user)).ShouldBe([
            RunbookRow(id, user, type, newer.Id, campaign.Id, newer.BeneficiaryGroupId, source, "active", $"Newer {type}", "Newer template"),
        ]);
        logs.LinesMentioning(user).ShouldBe([
            $"Information: Found program context for enrollment: user {user}, programType {type} -> program {newer.Id}, campaign {campaign.Id}",
            $"Information: Created enrollment with program context: enrollment {id}, user {user}, program {newer.Id}, source {source}",
        ]);
    }

    [Theory]
    [InlineData(SourceSystems.Kintell)]
    [InlineData(SourceSystems.Buddy)]
    [InlineData(SourceSystems.Upskilling)]
    public async Task Without_a_company_no_campaign_is_looked_up(string source)
    {
        var type = Unique("mentorship");
        var start = fixture.Clock.Now;
        var oldest = await fixture.ActiveProgramOfTypeAsync(type, "Oldest template", $"Oldest {type}");
        fixture.Clock.Now = start.AddMinutes(1);
        var newer = await fixture.ActiveProgramOfTypeAsync(type, "Newer template", $"Newer {type}");
        await fixture.WonCampaignAsync(newer.Id, Guid.NewGuid());
        await fixture.WonCampaignAsync(oldest.Id, Guid.NewGuid());
        var (user, eventId) = (Unique("user"), Unique($"{source}-event"));

        var session = await fixture.DeliverAsync(SourceEvent(source, eventId, user, companyId: null, type, OccurredAt));

        session.ShouldHaveSucceeded();
        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([
            fixture.Expected(IdOf(source, eventId), user, companyId: null, type, oldest, source, eventId),
        ]);
    }

    [Fact]
    public async Task Only_a_won_campaign_of_the_users_own_company_counts()
    {
        var type = Unique("mentorship");
        var start = fixture.Clock.Now;
        var oldest = await fixture.ActiveProgramOfTypeAsync(type, "Oldest template", $"Oldest {type}");
        fixture.Clock.Now = start.AddMinutes(1);
        var newer = await fixture.ActiveProgramOfTypeAsync(type, "Newer template", $"Newer {type}");
        var draftCompany = Guid.NewGuid();
        var draft = await fixture.CampaignAsync(newer.Id, draftCompany); // created, never won
        draft.Status.ShouldBe("draft");
        await fixture.WonCampaignAsync(newer.Id, Guid.NewGuid()); // won, but by another company
        var otherType = await fixture.ActiveProgramOfTypeAsync(Unique("other"), "Other template", $"Other {type}");
        await fixture.WonCampaignAsync(otherType.Id, draftCompany); // won by the user's company, for a program of another type
        var (user, eventId) = (Unique("user"), Unique("upskilling-event"));

        var session = await fixture.DeliverAsync(SourceEvent(SourceSystems.Upskilling, eventId, user, draftCompany, type, OccurredAt));

        session.ShouldHaveSucceeded();
        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([
            fixture.Expected(IdOf(SourceSystems.Upskilling, eventId), user, draftCompany, type, oldest, SourceSystems.Upskilling, eventId),
        ]);
    }
}
