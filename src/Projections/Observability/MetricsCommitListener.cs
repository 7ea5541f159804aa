using Marten;
using Marten.Services;

namespace EventSourced.Projections.Observability;

/// <summary>Feeds <see cref="EventSourcedMetrics"/> from what a transaction actually committed.</summary>
internal sealed class MetricsCommitListener : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        EventSourcedMetrics.RecordCommitted(commit.GetEvents());
        return Task.CompletedTask;
    }
}
