namespace EventSourced.Testing;

/// <summary>A clock that says what the test tells it to, so timestamps in events and tables can be asserted exactly.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
