using EventSourced.Domain.Approvals.Commands;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Common;
using EventSourced.Domain.Programs.Commands;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Approvals;
using EventSourced.Handlers.BeneficiaryGroups;
using EventSourced.Handlers.Campaigns;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Programs;
using EventSourced.Handlers.Templates;

namespace EventSourced.IntegrationTests;

/// <summary>
/// Runs commands through the real handlers as a library caller without Wolverine does: one session per command, staged by the
/// handler and committed here once (races become conflict results). Retries on a lost race are Wolverine's (its handler
/// chains), so they are tested through a Wolverine host, not here.
/// </summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> SendAsync(this MartenDatabase db, object command)
    {
        await using var session = db.Session();
        var ct = TestContext.Current.CancellationToken;
        var staged = command switch
        {
            CreateTemplate c => await TemplateHandler.Handle(c, session, db.Clock, ct),
            UpdateTemplate c => await TemplateHandler.Handle(c, session, db.Clock, ct),
            PublishTemplate c => await TemplateHandler.Handle(c, session, db.Clock, ct),
            CreateTemplateVersion c => await TemplateHandler.Handle(c, session, db.Clock, ct),
            ArchiveTemplate c => await TemplateHandler.Handle(c, session, db.Clock, ct),
            CreateBeneficiaryGroup c => BeneficiaryGroupHandler.Handle(c, session, db.Clock),
            UpdateBeneficiaryGroup c => await BeneficiaryGroupHandler.Handle(c, session, db.Clock, ct),
            CreateProgram c => await ProgramHandler.Handle(c, session, db.Clock, ct),
            ChangeProgramStatus c => await ProgramHandler.Handle(c, session, db.Clock, ct),
            MigrateProgram c => await ProgramHandler.Handle(c, session, db.Clock, ct),
            CreateCampaign c => await CampaignHandler.Handle(c, session, db.Clock, ct),
            UpdateCampaign c => await CampaignHandler.Handle(c, session, db.Clock, db.Workflow, ct),
            SetCampaignProbability c => await CampaignHandler.Handle(c, session, db.Clock, db.Workflow, envelope: null, ct),
            DecideApproval c => await ApprovalHandler.Handle(c, session, db.Clock, envelope: null, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not an EventSourced command"),
        };
        return await session.CommitAsync(staged, ct, (command as IExpectStreamVersion)?.ExpectedVersion);
    }

    public static async Task<Guid> AcceptedAsync(this MartenDatabase db, object command)
    {
        var result = await db.SendAsync(command);
        result.Error.ShouldBeNull();
        return result.StreamId;
    }
}
