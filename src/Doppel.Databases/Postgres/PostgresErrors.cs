using System.Net.Sockets;
using Npgsql;

namespace Doppel.Databases.Postgres;

/// <summary>
/// Turns Npgsql's exceptions into messages that say what to fix, always scrubbed of the password: every message
/// that leaves this project goes through <see cref="Redact"/>.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>Runs <paramref name="action"/>, mapping database failures to <see cref="DoppelException"/>.</summary>
    public static T Guard<T>(PostgresConnectionString connection, string doing, Func<T> action)
    {
        try { return action(); }
        catch (DoppelException e) { throw new DoppelException(e.Kind, Redact(e.Message, connection), e.InnerException); }
        catch (Exception e) when (e is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException)
        {
            throw Map(e, connection, doing);
        }
    }

    /// <summary>Runs <paramref name="action"/>, mapping database failures to <see cref="DoppelException"/>.</summary>
    public static void Guard(PostgresConnectionString connection, string doing, Action action) =>
        Guard(connection, doing, () => { action(); return 0; });

    /// <summary>What <see cref="PostgresSession.Open"/> is doing: a socket error then means the server cannot be reached.</summary>
    public const string Connecting = "connecting";

    /// <summary>The user-facing error for <paramref name="e"/>.</summary>
    public static DoppelException Map(Exception e, PostgresConnectionString connection, string doing)
    {
        string where = connection.Description;
        string user = connection.Builder.Username ?? Environment.UserName;
        string message = (e as PostgresException)?.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"PostgreSQL at {where} refused the password for user '{user}'. Set the right one in PGPASSWORD or a .pgpass file.",
            PostgresErrorCodes.InvalidCatalogName => $"PostgreSQL at {where} has no database '{connection.Builder.Database}'.",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"Permission denied while {doing} at {where}: user '{user}' lacks the privilege ({((PostgresException)e).MessageText}). Ask the owner to GRANT it.",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.ConnectionFailure or PostgresErrorCodes.ConnectionException =>
                $"The connection to PostgreSQL at {where} was lost while {doing}; nothing was committed.",
            _ when e is PostgresException pe => $"PostgreSQL at {where} failed while {doing}: {pe.MessageText} (SQLSTATE {pe.SqlState}).",
            _ when Inner<SocketException>(e) is { } s && doing == Connecting =>
                $"Cannot reach PostgreSQL at {where}: {s.Message}. Is the server running and listening there?",
            _ when Inner<TimeoutException>(e) is not null || e is NpgsqlException { InnerException: TimeoutException } =>
                $"PostgreSQL at {where} did not answer in time while {doing}.",
            _ when e is NpgsqlException { IsTransient: true } or IOException or EndOfStreamException || Inner<SocketException>(e) is not null =>
                $"The connection to PostgreSQL at {where} was lost while {doing}; nothing was committed.",
            _ => $"PostgreSQL at {where} failed while {doing}: {e.Message}",
        };
        // Never chain Npgsql's exception: its text and data may quote the connection string.
        return new DoppelException(ErrorKind.IO, Redact(message, connection));
    }

    /// <summary><paramref name="text"/> with the password, if any, replaced by <c>***</c>.</summary>
    public static string Redact(string text, PostgresConnectionString connection) =>
        connection.Password is { Length: > 0 } password ? text.Replace(password, "***", StringComparison.Ordinal) : text;

    private static T? Inner<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException) if (x is T t) return t;
        return null;
    }
}
