using Npgsql;

namespace ServicePublic.Web.Data;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, out of connections, network cut)
/// from a query that failed on its own merits (a constraint, a bug): the first is answered with
/// "come back in a moment", the second is an error of ours.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>True when a save failed on a unique index (a row someone else added first).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the database could not be reached or was lost.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsServerUnavailable(postgres);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true; // a socket, stream or timeout failure under Npgsql's own exception
            }
        }
        return false;
    }

    /// <summary>
    /// True when the connection could not even be opened (refused, timed out, no free connection,
    /// server starting up or full): trying again at once would fail the same way, only later.
    /// A connection that broke while in use (after a restart, say) is worth one more try: the next
    /// one is opened fresh.
    /// </summary>
    public static bool IsConnectionRefused(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => true,
        _ => false,
    };

    private static bool IsServerUnavailable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
        || e.SqlState.StartsWith("08", StringComparison.Ordinal); // connection exceptions
}
