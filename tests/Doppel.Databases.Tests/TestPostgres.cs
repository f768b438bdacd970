using Doppel.Relational;
using Npgsql;

namespace Doppel.Databases.Tests;

/// <summary>
/// The private PostgreSQL cluster that .ci/run (or `source .ci/postgres; doppel_pg_start`) starts: its URI in
/// DOPPEL_TEST_PG, its password in DOPPEL_TEST_PGPASSWORD. Tests that need it fail in CI (CI=true) when it is
/// missing and are skipped elsewhere (GUIDE section 7). Each test gets a database of its own, dropped afterwards.
/// </summary>
internal sealed class TestPostgres : IDisposable
{
    private TestPostgres(string uri, string password, string database)
    {
        Uri = uri;
        Password = password;
        Database = database;
    }

    /// <summary>The server's URI (its maintenance database), without password.</summary>
    public string Uri { get; }

    /// <summary>The test user's password.</summary>
    public string Password { get; }

    /// <summary>This test's own database.</summary>
    public string Database { get; }

    /// <summary>Options that carry the password.</summary>
    public DatabaseConnectOptions Options => new() { Password = Password };

    /// <summary>This test's database as a location, with an optional schema parameter.</summary>
    public DatabaseLocation Location(string? schema = null) =>
        DatabaseLocation.Parse(Uri[..Uri.LastIndexOf('/')] + "/" + Database + (schema is null ? "" : "?schema=" + schema));

    /// <summary>Creates a fresh database on the test cluster.</summary>
    public static TestPostgres Create()
    {
        string? uri = Environment.GetEnvironmentVariable("DOPPEL_TEST_PG");
        string? password = Environment.GetEnvironmentVariable("DOPPEL_TEST_PGPASSWORD");
        if (string.IsNullOrEmpty(uri) || password is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException("CI needs the private PostgreSQL cluster (DOPPEL_TEST_PG): .ci/run starts it with .ci/postgres; see its output for why it did not start.");
            Skip.If(true, "No PostgreSQL test cluster: run `source .ci/postgres && doppel_pg_start` to run this test.");
        }
        string database = "doppel_test_" + Guid.NewGuid().ToString("N")[..10];
        using (var admin = Connect(uri!, password!, null))
            Execute(admin, $"CREATE DATABASE {database}");
        return new TestPostgres(uri!, password!, database);
    }

    /// <summary>An open connection to this test's database as the test (super)user.</summary>
    public NpgsqlConnection Connect() => Connect(Uri, Password, Database);

    /// <summary>Runs SQL in this test's database.</summary>
    public void Execute(string sql)
    {
        using var db = Connect();
        Execute(db, sql);
    }

    /// <summary>The first column of the first row.</summary>
    public T? Scalar<T>(string sql)
    {
        using var db = Connect();
        using var command = new NpgsqlCommand(sql, db);
        return (T?)command.ExecuteScalar();
    }

    /// <summary>Every row's columns as text.</summary>
    public List<string[]> Rows(string sql)
    {
        using var db = Connect();
        using var command = new NpgsqlCommand(sql, db);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }

    private static NpgsqlConnection Connect(string uri, string password, string? database)
    {
        var location = DatabaseLocation.Parse(uri);
        var p = location.Parameters;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = p["host"], Port = int.Parse(p["port"], System.Globalization.CultureInfo.InvariantCulture), Username = p["user"],
            Password = password, Database = database ?? p["dbname"], Pooling = false,
        };
        var db = new NpgsqlConnection(builder.ConnectionString);
        db.Open();
        return db;
    }

    private static void Execute(NpgsqlConnection db, string sql)
    {
        using var command = new NpgsqlCommand(sql, db);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            using var admin = Connect(Uri, Password, null);
            Execute(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
        }
        catch (NpgsqlException) { }
    }
}
