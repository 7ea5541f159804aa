namespace EventSourced.Handlers.Enrollments;

/// <summary>Configuration section <c>Programs</c>. The runbook's <c>DISABLE_PROGRAM_LOOKUP=true</c> is honoured too
/// (the host maps it): every enrollment is then created the legacy way, programType only.</summary>
public sealed class ProgramLookupOptions
{
    public const string Section = "Programs";

    public bool DisableProgramLookup { get; set; }
}
