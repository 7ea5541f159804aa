using System.Text.Json;

namespace EventSourced.Projections.Programs;

/// <summary>A row of <c>programs</c> as the API returns it.</summary>
public sealed record ProgramView(
    Guid Id,
    string ProgramKey,
    string Name,
    Guid TemplateId,
    string TemplateKey,
    int TemplateVersion,
    string ProgramType,
    Guid BeneficiaryGroupId,
    string Status,
    JsonElement Config,
    JsonElement ConfigOverrides,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> SdgGoals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
