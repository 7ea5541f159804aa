using EventSourced.Domain.Common;
namespace EventSourced.Domain.Templates.Commands;

/// <summary>
/// Makes a draft active. With <see cref="DeprecatePrevious"/>, every older active version of the same key
/// becomes deprecated, pointing at this one.
/// </summary>
public sealed record PublishTemplate(Guid TemplateId, bool DeprecatePrevious) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}
