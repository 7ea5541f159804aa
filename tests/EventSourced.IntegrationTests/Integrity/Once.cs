using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace EventSourced.IntegrationTests.Integrity;

/// <summary>Setup shared by the tests of one class (one database): made by the first test that asks, reused by the others.</summary>
internal static class Once
{
    private static readonly ConditionalWeakTable<MartenDatabase, ConcurrentDictionary<string, Lazy<Task<object>>>> Values = new();

    public static async Task<T> OnceAsync<T>(this MartenDatabase db, string key, Func<Task<T>> create)
        where T : notnull =>
        (T)await Values.GetOrCreateValue(db).GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;
}
