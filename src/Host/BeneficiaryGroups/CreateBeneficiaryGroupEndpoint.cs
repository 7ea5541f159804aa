using System.Net.Mime;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class CreateBeneficiaryGroupEndpoint
{
    /// <summary>Registers a beneficiary group: <c>{"name", "description", "region", "tags"}</c>.</summary>
    [ProducesResponseType<BeneficiaryGroupView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/beneficiary-groups")]
    public static async Task<IResult> Post(CreateBeneficiaryGroup? command, IDocumentSession session, TimeProvider clock, HttpContext context,
        CancellationToken cancellation) =>
        command is null
            ? DomainProblems.MissingBody(context)
            : await (await BeneficiaryGroupHandler.Handle(command, session, clock, cancellation))
                .CreatedAsync(context, "/beneficiary-groups", streamId => session.FindBeneficiaryGroupAsync(streamId, cancellation));
}
