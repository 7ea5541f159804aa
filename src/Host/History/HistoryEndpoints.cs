using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Projections.History;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.History;

/// <summary>
/// <c>GET /{resource}/{id}/history</c>: the resource's stream, event by event, with type, time, version, user, correlation and
/// causation id and a readable summary (runbook 002's "Activity" trail, from the log). Operators and admins only
/// (<see cref="Security.AccessPolicies"/>): it names who did what.
/// </summary>
[Tags("History")]
public static class HistoryEndpoints
{
    /// <summary>The history of a template version.</summary>
    [WolverineGet("/templates/{id}/history")]
    public static Task<Found<StreamHistory>> Template(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.Template, id, session, context, cancellation);

    /// <summary>The history of a program (its campaigns' deployments included).</summary>
    [WolverineGet("/programs/{id}/history")]
    public static Task<Found<StreamHistory>> Program(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.Program, id, session, context, cancellation);

    /// <summary>The history of a campaign: edits, probability changes, approvals requested, won or rejected.</summary>
    [WolverineGet("/campaigns/{id}/history")]
    public static Task<Found<StreamHistory>> Campaign(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.Campaign, id, session, context, cancellation);

    /// <summary>The history of an approval: requested, then approved or rejected, and by whom.</summary>
    [WolverineGet("/approvals/{id}/history")]
    public static Task<Found<StreamHistory>> Approval(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.Approval, id, session, context, cancellation);

    /// <summary>The history of an enrollment.</summary>
    [WolverineGet("/enrollments/{id}/history")]
    public static Task<Found<StreamHistory>> Enrollment(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.Enrollment, id, session, context, cancellation);

    /// <summary>The history of a beneficiary group.</summary>
    [WolverineGet("/beneficiary-groups/{id}/history")]
    public static Task<Found<StreamHistory>> BeneficiaryGroup(Guid id, IQuerySession session, HttpContext context, CancellationToken cancellation) =>
        HistoryOf(HistoryResource.BeneficiaryGroup, id, session, context, cancellation);

    private static async Task<Found<StreamHistory>> HistoryOf(HistoryResource resource, Guid id, IQuerySession session, HttpContext context,
        CancellationToken cancellation) =>
        await session.HistoryAsync(resource, id, cancellation) is { } history
            ? Found<StreamHistory>.Ok(history)
            : DomainError.NotFound(resource.Name, id).ToProblem(context);
}
