using Wolverine;
using Wolverine.Runtime;

namespace EventSourced.Handlers.Resilience;

/// <summary>
/// What a message handler does once its quick retries are spent and the database is still away: it holds its worker for a
/// while (so a queue does not spin through its messages, each failing in a millisecond) and puts the message back in line.
/// The envelope never leaves the durable inbox, so nothing is lost if the node dies meanwhile.
/// </summary>
public static class DatabaseOutage
{
    public const string Description = "wait for the database, then requeue";

    /// <summary>How long a handler waits before its message goes back in line.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    public static async ValueTask WaitThenRequeueAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception exception)
    {
        try
        {
            await Task.Delay(Wait, runtime.Cancellation);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the envelope is still in the durable inbox and is recovered by the next node to own it.
            return;
        }

        await lifecycle.DeferAsync();
    }
}
