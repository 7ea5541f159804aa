using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventSourced.Projections.Registration;

/// <summary>
/// Builds a write model from its stream with the domain's own fold function (e.g. <c>Template.Evolve</c>), for
/// <c>FetchForWriting</c> and <c>AggregateStreamAsync</c>. The domain needs neither Marten's conventions nor its
/// source generator.
/// </summary>
public sealed class DomainFold<TState> : SingleStreamProjection<TState, Guid>
    where TState : class
{
    private readonly Func<TState?, object, TState?> _evolve;

    public DomainFold(Func<TState?, object, TState?> evolve)
    {
        _evolve = evolve;
        Name = typeof(TState).Name;
    }

    public override TState? Evolve(TState? snapshot, Guid id, IEvent e) => _evolve(snapshot, e.Data);
}
