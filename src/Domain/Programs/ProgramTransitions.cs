namespace EventSourced.Domain.Programs;

/// <summary>The program lifecycle as a table, so the rule is read in one place.</summary>
public static class ProgramTransitions
{
    private static readonly Dictionary<ProgramStatus, ProgramStatus[]> Allowed = new()
    {
        [ProgramStatus.Draft] = [ProgramStatus.Active, ProgramStatus.Archived],
        [ProgramStatus.Active] = [ProgramStatus.Paused, ProgramStatus.Completed, ProgramStatus.Archived],
        [ProgramStatus.Paused] = [ProgramStatus.Active, ProgramStatus.Completed, ProgramStatus.Archived],
        [ProgramStatus.Completed] = [ProgramStatus.Archived],
        [ProgramStatus.Archived] = [],
    };

    public static bool IsAllowed(ProgramStatus from, ProgramStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ProgramStatus> From(ProgramStatus status) => Allowed[status];
}
