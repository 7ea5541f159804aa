using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Domain.Templates.Events;
using static EventSourced.Domain.Tests.Templates.TemplateScenario;

namespace EventSourced.Domain.Tests.Templates;

public class UpdatingTemplates
{
    [Fact]
    public void GivenDraft_WhenPartiallyUpdated_ThenUnsentFieldsKeepTheirValues()
    {
        var draft = Draft();

        var updated = TemplateDecisions.Update(draft,
                new UpdateTemplate(draft.Id, "Updated Template v2", null, null, Json.Parse("{'newField': 'newValue'}"), null), Now)
            .ShouldEmitSingle<TemplateUpdated>();

        updated.Name.ShouldBe("Updated Template v2");
        updated.Category.ShouldBe(draft.Category);
        updated.Description.ShouldBe(draft.Description);
        updated.DefaultConfig.GetProperty("newField").GetString().ShouldBe("newValue");
        updated.ConfigSchema.GetRawText().ShouldBe(draft.ConfigSchema.GetRawText());
        updated.UpdatedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData(TemplateStatus.Active)]
    [InlineData(TemplateStatus.Deprecated)]
    [InlineData(TemplateStatus.Archived)]
    public void GivenNonDraft_WhenUpdated_ThenOnlyDraftsCanBeUpdated(TemplateStatus status)
    {
        var template = WithStatus(status);

        var error = TemplateDecisions.Update(template, new UpdateTemplate(template.Id, "New", null, null, null, null), Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe(TemplateDecisions.OnlyDraftsCanBeUpdated);
    }

    [Fact]
    public void GivenDraftWithSchema_WhenDefaultsNoLongerSatisfyIt_ThenTheConfigPathIsNamed()
    {
        var draft = Draft(schema: "{'properties': {'session': {'properties': {'defaultDurationMinutes': {'maximum': 90}}}}}");

        var error = TemplateDecisions.Update(draft,
                new UpdateTemplate(draft.Id, null, null, null, Json.Parse("{'session': {'defaultDurationMinutes': 91}}"), null), Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError(
            "defaultConfig.session.defaultDurationMinutes", "must be at most 90 (rule: maximum)", "maximum"));
    }

    [Fact]
    public void GivenDraft_WhenSchemaTightenedBelowTheStoredDefaults_ThenTheDefaultsAreNamed()
    {
        var draft = Draft();

        var error = TemplateDecisions.Update(draft, new UpdateTemplate(draft.Id, null, null, null, null,
                Json.Parse("{'properties': {'session': {'properties': {'defaultDurationMinutes': {'type': 'string'}}}}}")), Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.ShouldHaveSingleItem().Path.ShouldBe("defaultConfig.session.defaultDurationMinutes");
    }

    [Fact]
    public void GivenDraft_WhenInvalidFieldsSent_ThenEachIsNamed()
    {
        var draft = Draft();

        var error = TemplateDecisions.Update(draft,
                new UpdateTemplate(draft.Id, "", null, "Not A Slug", Json.Parse("'text'"), Json.Parse("7")), Now)
            .ShouldBeRejected(ErrorKind.Invalid);

        error.Errors.Select(e => e.Path).Order().ShouldBe(["category", "configSchema", "defaultConfig", "name"]);
    }
}
