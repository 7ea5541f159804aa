using EventSourced.Domain.Common;

namespace EventSourced.Domain.Templates.Commands;

/// <summary>Retires a template from any status but archived.</summary>
public sealed record ArchiveTemplate(Guid TemplateId) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}
