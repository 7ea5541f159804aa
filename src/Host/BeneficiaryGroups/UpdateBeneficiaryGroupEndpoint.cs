using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

/// <summary>The editable fields of a group; those left out keep their value.</summary>
public sealed record UpdateBeneficiaryGroupRequest(string? Name, string? Description, string? Region, IReadOnlyList<string>? Tags);

public static class UpdateBeneficiaryGroupEndpoint
{
    [WolverinePut("/beneficiary-groups/{id}")]
    public static async Task<IResult> Put(Guid id, UpdateBeneficiaryGroupRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (request is null)
        {
            return DomainProblems.MissingBody(context);
        }

        var command = new UpdateBeneficiaryGroup(id, request.Name, request.Description, request.Region, request.Tags);
        return await (await BeneficiaryGroupHandler.Handle(command, session, clock, cancellation))
            .OkAsync(context, streamId => session.FindBeneficiaryGroupAsync(streamId, cancellation));
    }
}
