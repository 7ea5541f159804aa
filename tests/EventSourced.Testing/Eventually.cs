namespace EventSourced.Testing;

/// <summary>
/// Waits on a condition, not on time: polls it every 20 ms and fails, saying what was awaited, once the deadline passes.
/// For what tests cannot observe as an event (a row, a queue emptied by another process, an agent's first run).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {(timeout ?? DefaultTimeout).TotalSeconds:0} s: {what}");
            }

            await Task.Delay(20, cancellation);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellation, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, cancellation, timeout);
}
