using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.BeneficiaryGroups;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.BeneficiaryGroups;

/// <summary>The editable fields of a group; those left out keep their value.</summary>
public sealed record UpdateBeneficiaryGroupRequest(string? Name, string? Description, string? Region, IReadOnlyList<string>? Tags);

[Tags("Beneficiary groups")]
public static class UpdateBeneficiaryGroupEndpoint
{
    /// <summary>Edits a beneficiary group; fields left out keep their value.</summary>
    [WolverinePut("/beneficiary-groups/{id}")]
    public static (Changed<BeneficiaryGroupView>, Events) Put(Guid id, UpdateBeneficiaryGroupRequest? request,
        [WriteAggregate("id", Required = false)] IEventStream<BeneficiaryGroup> stream, IDocumentSession session, TimeProvider clock, HttpContext context) =>
        request is null
            ? (DomainProblems.MissingBody(context), [])
            : AggregateWrites.Decide(context, session, id, stream, "Beneficiary group",
                (group, expected) => BeneficiaryGroupDecisions.Update(group,
                    new UpdateBeneficiaryGroup(id, request.Name, request.Description, request.Region, request.Tags) { ExpectedVersion = expected }, clock.GetUtcNow()),
                BeneficiaryGroupQueries.FindBeneficiaryGroupAsync);
}
