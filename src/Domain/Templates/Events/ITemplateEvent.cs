namespace EventSourced.Domain.Templates.Events;

/// <summary>Every template event names the stream it belongs to, so one decision can emit events for several templates.</summary>
public interface ITemplateEvent
{
    Guid TemplateId { get; }
}
