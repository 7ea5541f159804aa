using Marten;
using Marten.Services;

namespace EventSourced.Handlers.Commands;

/// <summary>
/// Runs something once the session's next commit succeeded (a log line that says "created"), so that a command that stages its
/// events and lets the caller commit (Wolverine's middleware) never reports what a lost race then rolled back. It runs in the
/// execution context it was registered in, so the log scopes open there (the message's correlation id) still apply.
/// </summary>
public sealed class AfterCommit : DocumentSessionListenerBase
{
    private Action? _action;
    private readonly ExecutionContext? _context;

    private AfterCommit(Action action)
    {
        _action = action;
        _context = ExecutionContext.Capture();
    }

    public static void Register(IDocumentSession session, Action action) => session.Listeners.Add(new AfterCommit(action));

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (Interlocked.Exchange(ref _action, null) is not { } action)
        {
            return Task.CompletedTask;
        }

        if (_context is null)
        {
            action();
        }
        else
        {
            ExecutionContext.Run(_context, state => ((Action)state!)(), action);
        }

        return Task.CompletedTask;
    }
}
