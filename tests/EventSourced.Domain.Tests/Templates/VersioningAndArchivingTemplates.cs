using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Events;
using static EventSourced.Domain.Tests.Templates.TemplateScenario;

namespace EventSourced.Domain.Tests.Templates;

public class VersioningAndArchivingTemplates
{
    private static readonly Guid NewId = Guid.NewGuid();

    [Theory]
    [InlineData(TemplateStatus.Active)]
    [InlineData(TemplateStatus.Deprecated)]
    public void GivenPublishedTemplate_WhenVersioned_ThenNextVersionIsADraftCopy(TemplateStatus status)
    {
        var source = WithStatus(status);

        var created = TemplateDecisions.CreateVersion(source, NewId, latestVersionOfKey: 1, Now).ShouldEmitSingle<TemplateCreated>();

        created.ShouldSatisfyAllConditions(
            c => c.TemplateId.ShouldBe(NewId),
            c => c.TemplateKey.ShouldBe(source.TemplateKey),
            c => c.Version.ShouldBe(2),
            c => c.PreviousVersionId.ShouldBe(source.Id),
            c => c.Name.ShouldBe(source.Name),
            c => c.Category.ShouldBe(source.Category),
            c => c.DefaultConfig.GetRawText().ShouldBe(source.DefaultConfig.GetRawText()),
            c => c.ConfigSchema.GetRawText().ShouldBe(source.ConfigSchema.GetRawText()));
        Template.From(created).Status.ShouldBe(TemplateStatus.Draft);
    }

    [Fact]
    public void GivenNewerVersionsExist_WhenAnOldVersionIsVersioned_ThenTheNewDraftFollowsTheLatest()
    {
        var v1 = WithStatus(TemplateStatus.Deprecated);

        TemplateDecisions.CreateVersion(v1, NewId, latestVersionOfKey: 5, Now).ShouldEmitSingle<TemplateCreated>().Version.ShouldBe(6);
    }

    [Fact]
    public void GivenDraft_WhenVersioned_ThenItIsRefused()
    {
        var error = TemplateDecisions.CreateVersion(WithStatus(TemplateStatus.Draft), NewId, 1, Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe(TemplateDecisions.DraftsCannotBeVersioned);
        error.Detail.ShouldEndWith("Edit the draft with PUT /templates/{id} instead.");
    }

    [Fact]
    public void GivenArchived_WhenVersioned_ThenANewDraftVersionBringsTheKeyBack()
    {
        var archived = WithStatus(TemplateStatus.Archived);

        var created = TemplateDecisions.CreateVersion(archived, NewId, latestVersionOfKey: 3, Now).ShouldEmitSingle<TemplateCreated>();

        (created.TemplateId, created.TemplateKey, created.Version, created.PreviousVersionId).ShouldBe((NewId, archived.TemplateKey, 4, archived.Id));
        created.DefaultConfig.GetRawText().ShouldBe(archived.DefaultConfig.GetRawText());
    }

    [Theory]
    [InlineData(TemplateStatus.Draft)]
    [InlineData(TemplateStatus.Active)]
    [InlineData(TemplateStatus.Deprecated)]
    public void GivenNotArchived_WhenArchived_ThenItIsArchived(TemplateStatus status)
    {
        var template = WithStatus(status);

        var archived = TemplateDecisions.Archive(template, Now).ShouldEmitSingle<TemplateArchived>();

        template.When(archived).Status.ShouldBe(TemplateStatus.Archived);
    }

    [Fact]
    public void GivenArchived_WhenArchivedAgain_ThenConflict()
    {
        TemplateDecisions.Archive(WithStatus(TemplateStatus.Archived), Now).ShouldBeRejected(ErrorKind.Conflict)
            .Title.ShouldBe(TemplateDecisions.AlreadyArchived);
    }
}
