using EventSourced.Domain.Common;

namespace EventSourced.Domain.Programs.Commands;

/// <summary>Opt-in move of a program (and all its campaigns) to a newer, active version of the same template key.</summary>
public sealed record MigrateProgram(Guid ProgramId, Guid? TemplateId) : IExpectStreamVersion
{
    /// <summary>The stream version the caller last saw, or null to decide on whatever is current (<see cref="IExpectStreamVersion"/>).</summary>
    public long? ExpectedVersion { get; init; }
}

public sealed class MigrateProgramValidator : CommandValidator<MigrateProgram>
{
    public static MigrateProgramValidator Instance { get; } = new();

    public MigrateProgramValidator() => RuleFor(c => c.TemplateId).NotEmptyId();
}
