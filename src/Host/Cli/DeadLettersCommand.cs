using System.Text.Json;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace EventSourced.Host.Cli;

/// <summary>
/// <c>dead-letters list [--message-type t] [--limit n] [--json]</c>, <c>dead-letters replay &lt;id&gt;…</c>,
/// <c>dead-letters discard &lt;id&gt;…</c>: the messages that could not be read or kept failing (external events from HTTP or
/// the broker, integration events that could not be sent), in Wolverine's dead-letter storage (PostgreSQL). Built on
/// Wolverine's own dead-letter API: <c>replay</c> marks the messages replayable and the running service's durability agent
/// moves them back to its inbox and handles them again (an external event still enrolls once: its id is the idempotency
/// key); <c>discard</c> deletes them. Exit code: 0 done, 2 could not run (bad arguments, unknown id, database away).
/// </summary>
public sealed class DeadLettersCommand(IDeadLetters deadLetters, TextWriter output, TextWriter error)
{
    public const string Name = "dead-letters";
    public const int Done = 0;
    public const int CouldNotRun = 2;

    private const string Usage =
        "usage: dead-letters list [--message-type <type>] [--limit <n>] [--json] | dead-letters replay <id>... | dead-letters discard <id>...";

    public static readonly string[] Flags = ["--json"];
    public static readonly string[] Valued = ["--message-type", "--limit"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static CommandLineArguments Parse(string[] args) => CommandLineArguments.Parse(args.Skip(1), Flags, Valued);

    public async Task<int> RunAsync(CommandLineArguments arguments, CancellationToken cancellation)
    {
        var verb = arguments.Positional.FirstOrDefault();
        var ids = arguments.Positional.Skip(1).Select(p => Guid.TryParse(p, out var id) ? id : (Guid?)null).ToArray();
        if (arguments.Unknown.Count > 0 || verb is not ("list" or "replay" or "discard") || ids.Any(id => id is null)
            || (verb == "list") != (ids.Length == 0) || !int.TryParse(arguments.Value("--limit") ?? "100", out var limit) || limit < 1)
        {
            error.WriteLine($"dead-letters: {string.Join(' ', arguments.Positional.Concat(arguments.Unknown))}");
            error.WriteLine(Usage);
            return CouldNotRun;
        }

        try
        {
            return verb == "list"
                ? await ListAsync(arguments.Value("--message-type"), limit, arguments.Has("--json"), cancellation)
                : await ActAsync(verb, [.. ids.Select(id => id!.Value)], cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.WriteLine($"dead-letters could not run: {ex.GetType().Name}: {ex.Message}");
            return CouldNotRun;
        }
    }

    private async Task<int> ListAsync(string? messageType, int limit, bool json, CancellationToken cancellation)
    {
        var results = await deadLetters.QueryAsync(new DeadLetterEnvelopeQuery { MessageType = messageType, PageSize = limit }, cancellation);
        var rows = results.Envelopes.Select(e => new DeadLetterRow(e.Id, e.MessageType, e.ExceptionType, e.ExceptionMessage, e.SentAt,
            e.Replayable, e.ReceivedAt)).ToList();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { total = results.TotalCount, deadLetters = rows }, Json));
            return Done;
        }

        output.WriteLine($"{results.TotalCount} dead letter(s){(results.TotalCount > rows.Count ? $", the first {rows.Count} shown" : string.Empty)}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Id}  {row.SentAt:u}  {row.MessageType}  {(row.Replayable ? "[replay pending] " : string.Empty)}{row.ExceptionType}: {row.ExceptionMessage}");
        }

        return Done;
    }

    private async Task<int> ActAsync(string verb, Guid[] ids, CancellationToken cancellation)
    {
        var found = await deadLetters.QueryAsync(new DeadLetterEnvelopeQuery(ids) { PageSize = ids.Length }, cancellation);
        var missing = ids.Except(found.Envelopes.Select(e => e.Id)).ToArray();
        if (missing.Length > 0)
        {
            error.WriteLine($"dead-letters {verb}: no dead letter {string.Join(", ", missing)}; nothing was changed");
            return CouldNotRun;
        }

        if (verb == "replay")
        {
            await deadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(ids), cancellation);
            output.WriteLine($"{ids.Length} dead letter(s) marked for replay: the running service moves them back to its inbox and handles them again");
        }
        else
        {
            await deadLetters.DiscardAsync(new DeadLetterEnvelopeQuery(ids), cancellation);
            output.WriteLine($"{ids.Length} dead letter(s) discarded");
        }

        return Done;
    }

    private sealed record DeadLetterRow(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt,
        bool Replayable, string ReceivedAt);
}
