using System.Net.Sockets;
using Npgsql;

namespace EventSourced.Handlers.Resilience;

/// <summary>Recognises "the database cannot be reached" however Marten wraps it (MartenCommandException around an
/// NpgsqlException, a socket error, a timeout), and tells it apart from an error the server reported about a statement.</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException postgres)
            {
                // The server answered: unavailable only if it said it cannot serve (shutting down, starting up, out of
                // connections, no such database), not for a constraint or a statement it rejected.
                return IsServerUnavailable(postgres.SqlState);
            }

            if (ex is NpgsqlException or TimeoutException or SocketException)
            {
                return true;
            }
        }

        return false;
    }

    // Class 08 connection exceptions; 57P01–57P03 admin/crash shutdown and "cannot connect now" (starting up or in
    // recovery); 53300 too many connections; 3D000 the database does not exist (dropped, or not created yet); 55000 is what
    // PostgreSQL answers a connection to a database that does not accept connections (ALTER DATABASE … ALLOW_CONNECTIONS false).
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300" or "3D000" or "55000";
}
