using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments;
using EventSourced.Projections.Enrollments;
using Microsoft.Extensions.DependencyInjection;
using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;
using System.Net;

namespace EventSourced.Host.Tests.Enrollments;

/// <summary>
/// <c>Programs:DisableProgramLookup</c> (the runbook's <c>DISABLE_PROGRAM_LOOKUP=true</c>): every enrollment is created the
/// legacy way, even when an active program of its programType exists. The flag is the host's singleton, so these tests
/// have a host of their own and restore the flag whatever happens.
/// </summary>
public sealed class DisabledProgramLookupTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private ProgramLookupOptions Lookup => fixture.Host.Services.GetRequiredService<ProgramLookupOptions>();

    [Fact]
    public async Task With_the_lookup_disabled_an_event_creates_a_legacy_enrollment()
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var company = Guid.NewGuid();
        await fixture.WonCampaignAsync(program.Id, company);
        var logs = EnrollmentLogCapture.AttachTo(fixture);
        var (user, eventId) = (Unique("user"), Unique("kintell-event"));
        var id = IdOf(SourceSystems.Kintell, eventId);

        Lookup.DisableProgramLookup = true;
        try
        {
            (await fixture.DeliverAsync(SourceEvent(SourceSystems.Kintell, eventId, user, company, type, OccurredAt))).ShouldHaveSucceeded();
        }
        finally
        {
            Lookup.DisableProgramLookup = false;
        }

        (await fixture.EnrollmentsOfAsync(user)).ShouldBe([fixture.Expected(id, user, company, type, program: null, SourceSystems.Kintell, eventId)]);
        (await fixture.RunbookQueryAsync(user)).ShouldBe([RunbookRow(id, user, type, null, null, null, SourceSystems.Kintell, "active", null, null)]);
        logs.LinesMentioning(id.ToString()).ShouldBe([
            $"Information: Program lookup disabled (Programs:DisableProgramLookup); created legacy enrollment {id} for programType {type}",
        ]);
    }

    [Fact]
    public async Task With_the_lookup_disabled_a_direct_enrollment_is_legacy_and_enabling_it_again_restores_the_context()
    {
        var type = Unique("mentorship");
        var program = await fixture.ActiveProgramOfTypeAsync(type, "Template", $"Program {type}");
        var user = Unique("user");
        var (legacyEvent, laterEvent) = (Unique("upskilling-event"), Unique("upskilling-event"));

        Lookup.DisableProgramLookup = true;
        ApiResponse legacy;
        try
        {
            legacy = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Upskilling, legacyEvent, user, type));
        }
        finally
        {
            Lookup.DisableProgramLookup = false;
        }

        legacy.Status.ShouldBe(HttpStatusCode.Created, legacy.Body);
        legacy.As<EnrollmentView>().ShouldBe(fixture.Expected(IdOf(SourceSystems.Upskilling, legacyEvent), user, null, type, program: null,
            SourceSystems.Upskilling, legacyEvent));

        // The legacy enrollment holds no program, so it does not block the user's enrollment in the program.
        var later = await fixture.Host.PostAsync("/enrollments", EnrollmentApiTests.Body(SourceSystems.Upskilling, laterEvent, user, type));

        later.Status.ShouldBe(HttpStatusCode.Created, later.Body);
        later.As<EnrollmentView>().ShouldBe(fixture.Expected(IdOf(SourceSystems.Upskilling, laterEvent), user, null, type, program,
            SourceSystems.Upskilling, laterEvent));
    }
}
