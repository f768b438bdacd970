using System.Net;
using System.Net.Sockets;
using Doppel.Databases.Postgres;
using Doppel.Relational;

namespace Doppel.Databases.Tests;

public sealed class PostgresErrorTests
{
    private const string Secret = "Wr0ng-Secret-7731";

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public void Unreachable_IsAnIOErrorNamingTheServer()
    {
        int port = ClosedPort();
        var location = DatabaseLocation.Parse($"postgresql://someone:{Secret}@127.0.0.1:{port}/shop");
        var e = Assert.Throws<DoppelException>(() => DatabaseProviders.OpenSource(location));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Equal(6, (int)e.Kind);
        Assert.StartsWith($"Cannot reach PostgreSQL at postgresql://someone@127.0.0.1:{port}/shop", e.Message);
        Assert.DoesNotContain(Secret, e.Message);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public void ConnectOptions_NeverPrintThePassword()
    {
        var options = new DatabaseConnectOptions { Password = Secret, Schema = "s" };
        Assert.DoesNotContain(Secret, options.ToString());
        Assert.Contains("***", options.ToString());
        var connection = PostgresConnectionString.Create(DatabaseLocation.Parse($"postgresql://u:{Secret}@h:5433/d?schema=x").Parameters, options);
        Assert.Equal("postgresql://u@h:5433/d?schema=s", connection.Description);
        Assert.Equal($"at *** and ***", PostgresErrors.Redact($"at {Secret} and {Secret}", connection));
    }

    [Fact]
    public void Location_FromAnEnvironmentVariable()
    {
        string name = "DOPPEL_TEST_LOCATION_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, $"postgresql://u:{Secret}@db.example:5433/shop?schema=s");
        try
        {
            var location = DatabaseProviders.ParseLocation("env:" + name);
            Assert.Equal(DatabaseKind.Postgres, location.Kind);
            Assert.Equal("shop", location.Parameters["dbname"]);
            Assert.DoesNotContain(Secret, location.ToString());
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
        var e = Assert.Throws<DoppelException>(() => DatabaseProviders.ParseLocation("env:" + name));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains($"{name} is not set", e.Message);
        Assert.Equal(DatabaseKind.Sqlite, DatabaseProviders.ParseLocation("shop.sqlite").Kind);
    }

    [Fact]
    public void UnknownParameter_IsAUsageError()
    {
        var e = Assert.Throws<DoppelException>(() => PostgresConnectionString.Create(DatabaseLocation.Parse("postgresql://h/d?colour=red").Parameters, DatabaseConnectOptions.Default));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("'colour'", e.Message);
    }

    [SkippableFact]
    public void WrongPassword_MessageWithoutThePassword()
    {
        using var pg = TestPostgres.Create();
        foreach (var (location, options) in new[]
        {
            (pg.Location(), new DatabaseConnectOptions { Password = Secret }),
            (DatabaseLocation.Parse(pg.Location().ToString().Replace("doppel@", $"doppel:{Secret}@", StringComparison.Ordinal)), DatabaseConnectOptions.Default),
        })
        {
            var e = Assert.Throws<DoppelException>(() => DatabaseProviders.OpenSource(location, options));
            Assert.Equal(ErrorKind.IO, e.Kind);
            Assert.Contains("refused the password for user 'doppel'", e.Message);
            Assert.Contains("PGPASSWORD", e.Message);
            Assert.DoesNotContain(Secret, e.Message);
            Assert.Null(e.InnerException);
        }
    }

    [SkippableFact]
    public void PasswordFromPgpasswordOrAPgpassFile()
    {
        using var pg = TestPostgres.Create();
        // PGPASSWORD, as libpq reads it (no other test relies on the environment: they pass the password).
        Environment.SetEnvironmentVariable("PGPASSWORD", pg.Password);
        try
        {
            using var source = DatabaseProviders.OpenSource(pg.Location());
            Assert.Empty(source.ReadMetadata().Tables);
        }
        finally { Environment.SetEnvironmentVariable("PGPASSWORD", null); }

        string file = Path.Combine(Path.GetTempPath(), $"doppel-{Guid.NewGuid():N}.pgpass");
        var p = pg.Location().Parameters;
        File.WriteAllText(file, $"{p["host"]}:{p["port"]}:*:{p["user"]}:{pg.Password}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            using var source = DatabaseProviders.OpenSource(pg.Location(), new DatabaseConnectOptions { PassFile = file });
            Assert.Empty(source.ReadMetadata().Tables);
        }
        finally { File.Delete(file); }
    }

    [SkippableFact]
    public void SchemaTheUserMayNotRead_PermissionDenied()
    {
        using var pg = TestPostgres.Create();
        string role = "reader_" + Guid.NewGuid().ToString("N")[..8];
        pg.Execute($"""
            CREATE ROLE {role} LOGIN PASSWORD 'reader-pw';
            CREATE SCHEMA secret; CREATE TABLE secret.salaries (id integer PRIMARY KEY, amount numeric(10,2));
            CREATE SCHEMA half; CREATE TABLE half.open (id integer PRIMARY KEY); CREATE TABLE half.closed (id integer PRIMARY KEY);
            GRANT USAGE ON SCHEMA half TO {role}; GRANT SELECT ON half.open TO {role};
            """);
        try
        {
            string uri = pg.Location().ToString().Replace("doppel@", role + "@", StringComparison.Ordinal);
            var options = new DatabaseConnectOptions { Password = "reader-pw" };
            using (var source = DatabaseProviders.OpenSource(DatabaseLocation.Parse(uri + "?schema=secret"), options))
            {
                var e = Assert.Throws<DoppelException>(source.ReadMetadata);
                Assert.Equal(ErrorKind.IO, e.Kind);
                Assert.Equal($"Permission denied: user '{role}' may not read schema 'secret' (it needs USAGE on the schema and SELECT on its tables; ask the owner to GRANT them).", e.Message);
            }
            using (var source = DatabaseProviders.OpenSource(DatabaseLocation.Parse(uri + "?schema=half"), options))
            {
                var e = Assert.Throws<DoppelException>(source.ReadMetadata);
                Assert.Contains($"user '{role}' may not read table(s) 'half.closed'", e.Message);
            }
            using (var source = DatabaseProviders.OpenSource(DatabaseLocation.Parse(uri + "?schema=nothere"), options))
                Assert.Contains("no schema 'nothere'", Assert.Throws<DoppelException>(source.ReadMetadata).Message);
        }
        finally
        {
            pg.Execute($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }
}
