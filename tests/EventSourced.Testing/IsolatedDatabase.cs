using Xunit;

namespace EventSourced.Testing;

/// <summary>
/// A class fixture: a fresh database on the shared <see cref="PostgresServer"/> for one test class.
/// Derive per test project to add what that project builds on it (a document store, a web host).
/// </summary>
public class IsolatedDatabase(PostgresServer server) : IAsyncLifetime
{
    public string ConnectionString { get; protected set; } = string.Empty;

    public PostgresServer Server { get; } = server;

    public virtual async ValueTask InitializeAsync() => ConnectionString = await Server.CreateDatabaseAsync(GetType().Name);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
