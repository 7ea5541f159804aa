using EventSourced.Domain.Templates.Commands;
using EventSourced.Testing;
using static EventSourced.IntegrationTests.Templates.TemplateCommands;

namespace EventSourced.IntegrationTests.Templates;

/// <summary>The program_templates read table, queried with the runbook's own SQL.</summary>
public sealed class ProgramTemplatesTableTests(MartenDatabase db) : IClassFixture<MartenDatabase>
{
    [Fact]
    public async Task Created_template_is_projected_as_a_draft_row_with_every_runbook_column()
    {
        var id = await db.AcceptedAsync(Create("table-created"));

        var row = (await Sql.QueryAsync(db.ConnectionString,
            $"select id, template_key, version, name, description, category, status, default_config::text as default_config, " +
            $"config_schema::text as config_schema, deprecated_by, previous_version_id, created_at, updated_at from program_templates where id = '{id}'")).Single();

        row["template_key"].ShouldBe("table-created");
        row["version"].ShouldBe(1);
        row["name"].ShouldBe("Tech Worker Mentorship");
        row["description"].ShouldBe("For tech workers");
        row["category"].ShouldBe("mentorship");
        row["status"].ShouldBe("draft");
        row["default_config"].ShouldBe("""{"session": {"defaultDurationMinutes": 60}}""");
        row["config_schema"].ShouldBe("{}");
        row["deprecated_by"].ShouldBeNull();
        row["previous_version_id"].ShouldBeNull();
        ((DateTime)row["created_at"]!).ShouldBe(db.Clock.Now.UtcDateTime);
        ((DateTime)row["updated_at"]!).ShouldBe(db.Clock.Now.UtcDateTime);
    }

    [Fact]
    public async Task Runbook_versioning_flow_leaves_the_old_version_deprecated_by_the_new_one()
    {
        var v1 = await db.ActiveTemplateAsync("table-versioning");
        var v2 = await db.AcceptedAsync(new CreateTemplateVersion(v1));
        await db.AcceptedAsync(new UpdateTemplate(v2, "Updated Template v2", null, null,
            System.Text.Json.JsonDocument.Parse("""{"newField":"newValue"}""").RootElement, null));
        await db.AcceptedAsync(new PublishTemplate(v2, DeprecatePrevious: true));

        var rows = await Sql.QueryAsync(db.ConnectionString,
            "SELECT id, template_key, status, deprecated_by FROM program_templates WHERE template_key = 'table-versioning' ORDER BY version");

        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(new Dictionary<string, object?>
        {
            ["id"] = v1, ["template_key"] = "table-versioning", ["status"] = "deprecated", ["deprecated_by"] = v2,
        });
        rows[1].ShouldBe(new Dictionary<string, object?>
        {
            ["id"] = v2, ["template_key"] = "table-versioning", ["status"] = "active", ["deprecated_by"] = null,
        });
        var v2Row = (await Sql.QueryAsync(db.ConnectionString,
            $"select name, version, previous_version_id, default_config->>'newField' as new_field from program_templates where id = '{v2}'")).Single();
        v2Row["name"].ShouldBe("Updated Template v2");
        v2Row["version"].ShouldBe(2);
        v2Row["previous_version_id"].ShouldBe(v1);
        v2Row["new_field"].ShouldBe("newValue");
    }

    [Fact]
    public async Task Archived_template_row_says_archived()
    {
        var id = await db.ActiveTemplateAsync("table-archived");

        await db.AcceptedAsync(new ArchiveTemplate(id));

        (await Sql.QueryAsync(db.ConnectionString, $"select status from program_templates where id = '{id}'"))
            .Single()["status"].ShouldBe("archived");
    }

    [Fact]
    public async Task Runbook_active_template_query_filters_by_category_and_status()
    {
        await db.ActiveTemplateAsync("table-filter-active");
        await db.AcceptedAsync(Create("table-filter-draft"));

        var keys = (await Sql.QueryAsync(db.ConnectionString,
                "select template_key from program_templates where category = 'mentorship' and status = 'active' and template_key like 'table-filter-%'"))
            .Select(r => r["template_key"]).ToList();

        keys.ShouldBe(["table-filter-active"]);
    }
}
