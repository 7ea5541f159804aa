using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Runtime;

namespace EventSourced.Host.Http;

/// <summary>
/// Who and why on the events of every write endpoint. Wolverine.Http gives each request a message context, and Wolverine's
/// Marten sessions copy its correlation id and user when they are opened; but the context is created with the trace id as
/// its correlation id, and the session is opened before endpoint middleware runs. So: an endpoint that writes through a
/// session of its own gets the accepted <c>X-Correlation-Id</c> (see <see cref="CorrelationId"/>) and the token's subject
/// on that session; one that invokes or sends a message gets them on the message context, whose envelopes carry them to
/// the handler's session. (Never both: asking a messaging endpoint for a session would enlist its outbox in a transaction
/// that is never committed.)
/// </summary>
internal sealed class RequestMetadataPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HttpMethods.Any(m => m is not ("GET" or "HEAD"))))
        {
            var writesThroughSession = chain.Method.Method.GetParameters().Any(p =>
                p.ParameterType == typeof(IDocumentSession) ||
                (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IEventStream<>)));
            chain.Middleware.Add(new MethodCall(typeof(RequestMetadata),
                writesThroughSession ? nameof(RequestMetadata.ApplyToSession) : nameof(RequestMetadata.ApplyToMessages)));
        }
    }
}

/// <summary>The middleware of <see cref="RequestMetadataPolicy"/>.</summary>
public static class RequestMetadata
{
    public static void ApplyToSession(HttpContext httpContext, IDocumentSession session)
    {
        session.CorrelationId = httpContext.TraceIdentifier; // set by CorrelationId: the accepted X-Correlation-Id, or a new one
        if (httpContext.User.Identity?.Name is { } user)
        {
            session.LastModifiedBy = user;
        }
    }

    public static void ApplyToMessages(HttpContext httpContext, MessageContext messaging)
    {
        messaging.CorrelationId = httpContext.TraceIdentifier;
        if (httpContext.User.Identity?.Name is { } user)
        {
            messaging.UserName = user;
        }
    }
}
