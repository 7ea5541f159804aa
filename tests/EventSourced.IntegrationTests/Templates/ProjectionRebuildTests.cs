using EventSourced.Domain.Templates.Commands;
using EventSourced.Projections.Templates;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Templates.TemplateCommands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>The streams are the truth: a drifted program_templates table is restored by replaying them.</summary>
public sealed class ProjectionRebuildTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Rebuild_restores_a_tampered_table_exactly_from_the_streams()
    {
        var v1 = await db.ActiveTemplateAsync("rebuild-me");
        var v2 = await db.AcceptedAsync(new CreateTemplateVersion(v1));
        await db.AcceptedAsync(new PublishTemplate(v2, DeprecatePrevious: true));
        await db.AcceptedAsync(Create("rebuild-draft"));
        var truth = await Sql.TableSnapshotAsync(db.ConnectionString, "program_templates");

        // Drift of the kind the runbooks repair with ad-hoc SQL.
        await Sql.ExecuteAsync(db.ConnectionString, $$"""
            update program_templates set status = 'active', deprecated_by = null where id = '{{v1}}';
            delete from program_templates where template_key = 'rebuild-draft';
            insert into program_templates (id, template_key, version, name, category, status, default_config, config_schema, created_at, updated_at)
            values (gen_random_uuid(), 'orphan', 1, 'Orphan', 'x', 'active', '{}', '{}', now(), now());
            """);
        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_templates")).ShouldNotBe(truth);

        using var daemon = await db.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(ProgramTemplatesProjection.ProjectionName, CancellationToken.None);

        (await Sql.TableSnapshotAsync(db.ConnectionString, "program_templates")).ShouldBe(truth);
    }
}
