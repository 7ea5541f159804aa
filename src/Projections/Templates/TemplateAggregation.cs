using EventSourced.Domain.Templates;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace EventSourced.Projections.Templates;

/// <summary>
/// Builds the <see cref="Template"/> write model from its stream for <c>FetchForWriting</c>. It delegates to the
/// domain's own fold, so the domain needs neither Marten's conventions nor its source generator.
/// </summary>
public sealed class TemplateAggregation : SingleStreamProjection<Template, Guid>
{
    public override Template? Evolve(Template? snapshot, Guid id, IEvent e) => Template.Evolve(snapshot, e.Data);
}
