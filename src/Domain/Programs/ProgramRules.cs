namespace EventSourced.Domain.Programs;

public static class ProgramRules
{
    public const int NameMaxLength = 200;
    public const int FirstSdgGoal = 1;
    public const int LastSdgGoal = 17;

    /// <summary>The key used when a name has nothing a slug can be made of (e.g. only non-Latin letters).</summary>
    public const string FallbackKey = "program";

    /// <summary>The key a program named <paramref name="name"/> gets when it is free; otherwise a numeric suffix is added.</summary>
    public static string KeyBase(string name) => Common.SlugFrom.Text(name, FallbackKey);
}
