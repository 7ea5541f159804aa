namespace EventSourced.Domain.Programs;

/// <summary>draft → active ⇄ paused → completed; any status but archived → archived.</summary>
public enum ProgramStatus
{
    Draft,
    Active,
    Paused,
    Completed,
    Archived,
}
