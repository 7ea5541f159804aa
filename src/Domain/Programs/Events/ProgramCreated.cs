using System.Text.Json;

namespace EventSourced.Domain.Programs.Events;

/// <summary>
/// A program instantiated from an active template for a beneficiary group. It carries the template's defaults as they
/// were, so the program's effective configuration can always be recomputed from its own stream.
/// </summary>
public sealed record ProgramCreated(
    Guid ProgramId,
    string ProgramKey,
    string Name,
    Guid TemplateId,
    string TemplateKey,
    int TemplateVersion,
    string ProgramType,
    Guid BeneficiaryGroupId,
    JsonElement TemplateDefaults,
    JsonElement ConfigOverrides,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> SdgGoals,
    DateTimeOffset CreatedAt);
