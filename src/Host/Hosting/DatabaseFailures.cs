using System.Net.Sockets;
using Npgsql;

namespace EventSourced.Host.Hosting;

/// <summary>Recognises "the database cannot be reached" however Marten wraps it (MartenCommandException around an
/// NpgsqlException, a socket error, a timeout).</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException or TimeoutException or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
