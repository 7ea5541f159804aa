namespace EventSourced.Host.Cli;

/// <summary>
/// The options of the host's own commands (<c>integrity</c>, <c>backfill-programs</c>): <c>--flag</c>,
/// <c>--name value</c> (repeatable), and positional words. Anything of the form <c>--Key=value</c> is left for the
/// host's configuration (e.g. <c>--ConnectionStrings:Marten=…</c>).
/// </summary>
public sealed class CommandLineArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLineArguments(IReadOnlyList<string> positional, IReadOnlyList<string> hostArguments)
    {
        Positional = positional;
        HostArguments = hostArguments;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Arguments for the host's configuration.</summary>
    public IReadOnlyList<string> HostArguments { get; }

    public IReadOnlyCollection<string> Unknown { get; private set; } = [];

    /// <param name="flags">Options without a value.</param>
    /// <param name="valued">Options followed by a value.</param>
    public static CommandLineArguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var positional = new List<string>();
        var host = new List<string>();
        var unknown = new List<string>();
        var parsedFlags = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                host.Add(arg);
            }
            else if (flags.Contains(arg))
            {
                parsedFlags.Add(arg);
            }
            else if (valued.Contains(arg))
            {
                if (!e.MoveNext())
                {
                    unknown.Add($"{arg} (needs a value)");
                    break;
                }

                if (!values.TryGetValue(arg, out var list))
                {
                    values[arg] = list = [];
                }

                list.Add(e.Current);
            }
            else if (arg.StartsWith('-'))
            {
                unknown.Add(arg);
            }
            else
            {
                positional.Add(arg);
            }
        }

        var parsed = new CommandLineArguments(positional, host) { Unknown = unknown };
        parsed._flags.UnionWith(parsedFlags);
        foreach (var (key, list) in values)
        {
            parsed._values[key] = list;
        }

        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.TryGetValue(option, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string option) =>
        _values.TryGetValue(option, out var list) ? list.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() : [];
}
