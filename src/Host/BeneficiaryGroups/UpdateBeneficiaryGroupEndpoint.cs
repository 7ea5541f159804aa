using System.Net.Mime;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

/// <summary>The editable fields of a group; those left out keep their value.</summary>
public sealed record UpdateBeneficiaryGroupRequest(string? Name, string? Description, string? Region, IReadOnlyList<string>? Tags);

[Tags("Beneficiary groups")]
public static class UpdateBeneficiaryGroupEndpoint
{
    /// <summary>Edits a beneficiary group; fields left out keep their value.</summary>
    [ProducesResponseType<BeneficiaryGroupView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, MediaTypeNames.Application.ProblemJson)]
    [WolverinePut("/beneficiary-groups/{id}")]
    public static async Task<IResult> Put(Guid id, UpdateBeneficiaryGroupRequest? request, IDocumentSession session, TimeProvider clock,
        HttpContext context, CancellationToken cancellation)
    {
        if (!context.TryReadIfMatch(out var expectedVersion, out var badIfMatch))
        {
            return badIfMatch!;
        }

        if (request is null)
        {
            return DomainProblems.MissingBody(context);
        }

        var command = new UpdateBeneficiaryGroup(id, request.Name, request.Description, request.Region, request.Tags) { ExpectedVersion = expectedVersion };
        return await session.OkAtCommitAsync(context, id, BeneficiaryGroupQueries.FindBeneficiaryGroupAsync,
            () => BeneficiaryGroupHandler.Handle(command, session, clock, cancellation), cancellation);
    }
}
