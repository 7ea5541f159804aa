using EventSourced.Domain.Programs.Commands;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Programs;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Programs.ProgramScenario;

namespace EventSourced.IntegrationTests.Programs;

/// <summary>programs and program_campaigns (configs included) are recomputed exactly from the streams.</summary>
public sealed class ProgramRebuildTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Rebuild_restores_tampered_program_and_campaign_rows()
    {
        var program = await db.ActiveProgramAsync(await db.ActiveTemplateAsync("rebuild-programs"), "Rebuilt program");
        await db.AcceptedAsync(Campaign(program));
        await db.AcceptedAsync(new ChangeProgramStatus(program, "paused"));
        var programs = await Sql.TableSnapshotAsync(db.ConnectionString, "programs");
        var campaigns = await Sql.TableSnapshotAsync(db.ConnectionString, "program_campaigns");

        await Sql.ExecuteAsync(db.ConnectionString, """
            update programs set program_type = 'legacy', config = '{}';
            update program_campaigns set config = jsonb_set(config, '{session,defaultDurationMinutes}', '999');
            """);

        using var daemon = await db.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(ProgramsProjection.ProjectionName, TestContext.Current.CancellationToken);
        await daemon.RebuildProjectionAsync(ProgramCampaignsProjection.ProjectionName, TestContext.Current.CancellationToken);

        (await Sql.TableSnapshotAsync(db.ConnectionString, "programs")).ShouldBe(programs);
        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_campaigns")).ShouldBe(campaigns);
    }
}
