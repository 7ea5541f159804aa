using EventSourced.Handlers.Registration;
using EventSourced.Projections.Registration;
using Marten;

namespace EventSourced.Host.Tests;

/// <summary>A store configured like the host's but pointing at a port nothing listens on: for "could not run" paths.</summary>
internal static class UnreachableStore
{
    public static DocumentStore Create() => DocumentStore.For(options =>
    {
        options.Connection("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        options.AddEventSourced();
    });
}
