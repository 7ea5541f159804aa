using EventSourced.Domain.Common;
using EventSourced.Domain.Templates;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Domain.Templates.Events;
using static EventSourced.Domain.Tests.Templates.TemplateScenario;

namespace EventSourced.Domain.Tests.Templates;

public class PublishingTemplates
{
    [Fact]
    public void GivenDraft_WhenPublished_ThenItBecomesActive()
    {
        var draft = Draft();

        var published = TemplateDecisions.Publish(draft, new PublishTemplate(draft.Id, false), [], Now).ShouldEmitSingle<TemplatePublished>();

        published.ShouldBe(new TemplatePublished(draft.Id, Now));
        draft.When(published).Status.ShouldBe(TemplateStatus.Active);
    }

    [Theory]
    [InlineData(TemplateStatus.Active, "already published")]
    [InlineData(TemplateStatus.Deprecated, "new version")]
    [InlineData(TemplateStatus.Archived, "cannot be published")]
    public void GivenNonDraft_WhenPublished_ThenOnlyDraftsCanBePublished(TemplateStatus status, string advice)
    {
        var template = WithStatus(status);

        var error = TemplateDecisions.Publish(template, new PublishTemplate(template.Id, false), [], Now).ShouldBeRejected(ErrorKind.Invalid);

        error.Title.ShouldBe("Only draft templates can be published");
        error.Detail.ShouldContain(advice);
    }

    [Fact]
    public void GivenActivePreviousVersion_WhenPublishedWithDeprecatePrevious_ThenPreviousIsDeprecatedByTheNewOne()
    {
        var v1 = Active(version: 1);
        var v2 = Draft(version: 2);

        var decision = TemplateDecisions.Publish(v2, new PublishTemplate(v2.Id, DeprecatePrevious: true), [v1], Now);

        decision.Error.ShouldBeNull();
        decision.Events.ShouldBe([new TemplatePublished(v2.Id, Now), new TemplateDeprecated(v1.Id, v2.Id, Now)]);
        v1.When((TemplateDeprecated)decision.Events[1]).ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe(TemplateStatus.Deprecated),
            t => t.DeprecatedBy.ShouldBe(v2.Id));
    }

    [Fact]
    public void GivenActivePreviousVersion_WhenPublishedWithoutDeprecatePrevious_ThenPreviousStaysActive()
    {
        var v1 = Active(version: 1);
        var v2 = Draft(version: 2);

        TemplateDecisions.Publish(v2, new PublishTemplate(v2.Id, DeprecatePrevious: false), [v1], Now).ShouldEmitSingle<TemplatePublished>();
    }

    [Fact]
    public void GivenOtherVersionsInEveryState_WhenPublishedWithDeprecatePrevious_ThenOnlyOlderActiveOnesAreDeprecated()
    {
        var olderActive = Active(version: 1);
        var olderDraft = Draft(version: 2);
        var newerActive = Active(version: 4);
        var publishing = Draft(version: 3);

        var decision = TemplateDecisions.Publish(publishing, new PublishTemplate(publishing.Id, true), [olderActive, olderDraft, newerActive], Now);

        decision.Events.OfType<TemplateDeprecated>().ShouldHaveSingleItem().TemplateId.ShouldBe(olderActive.Id);
    }
}
