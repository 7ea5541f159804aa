using System.Net.Mime;
using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Host.Http;
using EventSourced.Projections.BeneficiaryGroups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EventSourced.Host.BeneficiaryGroups;

[Tags("Beneficiary groups")]
public static class CreateBeneficiaryGroupEndpoint
{
    /// <summary>Registers a beneficiary group: <c>{"name", "description", "region", "tags"}</c>.</summary>
    [ProducesResponseType<BeneficiaryGroupView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, MediaTypeNames.Application.ProblemJson)]
    [WolverinePost("/beneficiary-groups")]
    public static (IResult, IMartenOp) Post(CreateBeneficiaryGroup? command, IDocumentSession session, TimeProvider clock, HttpContext context) =>
        command is null
            ? (DomainProblems.MissingBody(context), MartenOps.Nothing())
            : AggregateWrites.Start<BeneficiaryGroup, BeneficiaryGroupView>(context, session, "/beneficiary-groups",
                id => BeneficiaryGroupDecisions.Create(command, id, clock.GetUtcNow()), BeneficiaryGroupQueries.FindBeneficiaryGroupAsync);
}
