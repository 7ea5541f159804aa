namespace EventSourced.Operations.Postgres;

/// <summary>Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) of a local installation.</summary>
public static class PostgresBinaries
{
    /// <summary>
    /// The folder holding initdb and pg_ctl: <paramref name="configured"/> if given, else the PATH, else the newest
    /// Debian/Ubuntu layout (/usr/lib/postgresql/N/bin), else null.
    /// </summary>
    public static string? Locate(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServerBinaries(configured) ? configured : null;
        }

        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServerBinaries);
        if (fromPath is not null)
        {
            return fromPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(dir => (dir, major: int.TryParse(Path.GetFileName(dir), out var n) ? n : 0))
            .OrderByDescending(candidate => candidate.major)
            .Select(candidate => Path.Combine(candidate.dir, "bin"))
            .FirstOrDefault(HasServerBinaries);
    }

    private static bool HasServerBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
