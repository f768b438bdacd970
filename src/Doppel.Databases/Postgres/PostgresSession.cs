using Npgsql;

namespace Doppel.Databases.Postgres;

/// <summary>Opening a connection and writing SQL identifiers safely.</summary>
internal static class PostgresSession
{
    /// <summary>An open connection; failures (unreachable, wrong password, no database) as clear errors.</summary>
    public static NpgsqlConnection Open(PostgresConnectionString connection)
    {
        var db = new NpgsqlConnection(connection.Builder.ConnectionString);
        try
        {
            PostgresErrors.Guard(connection, PostgresErrors.Connecting, db.Open);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Makes <paramref name="schema"/> the session's only schema, so the catalog prints its names unqualified.</summary>
    public static void SetSearchPath(NpgsqlConnection db, string schema)
    {
        using var command = new NpgsqlCommand($"SET search_path TO {Quote(schema)}, pg_catalog", db);
        command.ExecuteNonQuery();
    }

    /// <summary>A quoted identifier: <c>"name"</c>, inner quotes doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Runs one statement.</summary>
    public static void Execute(NpgsqlConnection db, string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, db, transaction);
        command.ExecuteNonQuery();
    }
}
