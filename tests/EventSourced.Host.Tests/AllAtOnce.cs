namespace EventSourced.Host.Tests;

/// <summary>Starts <c>writers</c> requests together (released by one signal once every task is running), for races.</summary>
internal static class AllAtOnce
{
    public static async Task<(int Writer, ApiResponse Response)[]> RunAsync(int writers, Func<int, Task<ApiResponse>> write)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(k => Task.Run(async () =>
        {
            start.Wait();
            return (k, await write(k));
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
