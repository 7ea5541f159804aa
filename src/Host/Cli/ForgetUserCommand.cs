using EventSourced.Operations.Privacy;
using Marten;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>forget-user &lt;userId&gt; --operator &lt;id&gt; --reason &lt;text&gt; [--tenant &lt;id&gt;]</c>: GDPR erasure
/// (<see cref="UserErasure"/>), as <c>DELETE /users/{userId}/personal-data</c> does. Exit code: 0 done (or nothing named
/// them), 2 could not run (bad arguments, database unreachable).
/// </summary>
public sealed class ForgetUserCommand(IDocumentStore store, TimeProvider clock, TextWriter output, TextWriter error)
{
    public const string Name = "forget-user";
    public const int Done = 0;
    public const int CouldNotRun = 2;

    private const string Usage = "usage: forget-user <userId> --operator <id> --reason <text> [--tenant <id>]";

    public static readonly string[] Flags = [];
    public static readonly string[] Valued = ["--operator", "--reason", "--tenant"];

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), Flags, Valued);

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        if (arguments.Unknown.Count > 0 || arguments.Positional.Count != 1 || string.IsNullOrWhiteSpace(arguments.Positional[0])
            || string.IsNullOrWhiteSpace(arguments.Value("--operator")) || string.IsNullOrWhiteSpace(arguments.Value("--reason")))
        {
            await error.WriteLineAsync("forget-user: name the user, and give --operator and --reason: the erasure is recorded with them");
            await error.WriteLineAsync(Usage);
            return CouldNotRun;
        }

        try
        {
            var report = await UserErasure.ForgetAsync(store, arguments.Positional[0], arguments.Value("--operator")!, arguments.Value("--reason")!, clock,
                arguments.Value("--tenant"), cancellation);
            await output.WriteLineAsync(report.NothingToErase
                ? "nothing names this user (never known, or erased already); nothing changed"
                : $"erased: {report.EnrollmentsErased} enrollment stream(s) masked, {report.ReadRowsUpdated} read row(s) re-projected, " +
                  $"{report.MessagesDeleted} stored message(s) deleted; recorded as erasure {report.ErasureId}");
            return Done;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            await error.WriteLineAsync($"forget-user could not run: {ex.Message}");
            return CouldNotRun;
        }
    }
}
