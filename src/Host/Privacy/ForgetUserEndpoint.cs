using EventSourced.Domain.Common;
using EventSourced.Host.Http;
using EventSourced.Host.Http.Answers;
using EventSourced.Host.Security;
using EventSourced.Host.Tenancy;
using EventSourced.Operations.Privacy;
using Marten;
using Wolverine.Http;

namespace EventSourced.Host.Privacy;

[Tags("Privacy")]
public static class ForgetUserEndpoint
{
    /// <summary>
    /// Forgets a person (GDPR erasure): their user id is masked in the events and read tables, stored messages naming them are
    /// deleted, and the erasure is recorded (by the caller, with ?reason=, which is required) without the erased data. Admin
    /// only; in a tenanted host, the caller's tenant. Idempotent: 200 with nothingToErase when nothing names them.
    /// </summary>
    [WolverineDelete("/users/{userId}/personal-data")]
    public static async Task<Done<ErasureReport>> Delete(string userId, string? reason, HttpContext context, IDocumentStore store, TimeProvider clock,
        TenancySettings tenancy, CancellationToken cancellation)
    {
        if (await NoBody.RefuseAnyAsync(context, cancellation) is { } refused)
        {
            return refused; // the reason is a query parameter: a body would be a client that thinks it is sending one
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainError.Validation([new FieldError("reason", "'reason' is required: the erasure is recorded with it.", "required")])
                .ToProblem(context);
        }

        var operatorId = context.User.Identity?.Name ?? "local"; // loopback without authentication
        return Done<ErasureReport>.Ok(await UserErasure.ForgetAsync(store, userId, operatorId, reason, clock,
            tenancy.IsTenanted ? context.User.TenantId() : null, cancellation));
    }
}
