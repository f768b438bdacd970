using System.Text.Json.Nodes;
using Doppel.Cli;

namespace Doppel.Databases.Tests;

/// <summary>The doppel CLI on SQLite files and live PostgreSQL, in process.</summary>
public sealed class DatabaseCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doppel-dbcli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, new CliConsole(output, error, () => new MemoryStream(), Interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    // The password through a password file named in the URI: the process environment is shared by parallel tests.
    private string Uri(TestPostgres pg, string? schema = null)
    {
        string passfile = Path.Combine(_folder, "pgpass");
        var p = pg.Location().Parameters;
        File.WriteAllText(passfile, $"{p["host"]}:{p["port"]}:*:{p["user"]}:{pg.Password}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return $"{pg.Location()}?passfile={System.Uri.EscapeDataString(passfile)}" + (schema is null ? "" : "&schema=" + schema);
    }

    [Fact]
    public void Inspect_Sqlite_WritesDeclaredKeysAndSql()
    {
        string path = Path.Combine(_folder, "shop.sqlite");
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = new Microsoft.Data.Sqlite.SqliteCommand("""
                CREATE TABLE a (x INTEGER NOT NULL, y TEXT NOT NULL, PRIMARY KEY (x, y));
                CREATE TABLE b (id INTEGER PRIMARY KEY, x INTEGER, y TEXT, n REAL CHECK (n >= 0), FOREIGN KEY (x, y) REFERENCES a (x, y));
                INSERT INTO a VALUES (1, 'p'), (2, 'q'); INSERT INTO b VALUES (1, 1, 'p', 0.5), (2, 2, 'q', 1.5), (3, NULL, NULL, 2);
                """, db);
            command.ExecuteNonQuery();
        }
        var (code, output, error) = Run("inspect", path);
        Assert.True(code == 0, error);
        var json = JsonNode.Parse(output)!;
        var a = json["tables"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "a")!;
        Assert.Equal(["x", "y"], a["key"]!.AsArray().Select(k => k!.GetValue<string>()));
        var rel = json["relationships"]!.AsArray().Single()!;
        Assert.Equal(["x", "y"], rel["childColumns"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("sqlite", json["sql"]!["dialect"]!.GetValue<string>());
        Assert.Contains($"{path}: 2 tables, 1 relationships.", error);
    }

    [Fact]
    public void GenerateSchema_FromDdl_IntoSqlite_KeepsUniqueChecksAndNullability()
    {
        string ddl = Path.Combine(_folder, "schema.sql"), spec = Path.Combine(_folder, "spec.yaml"), target = Path.Combine(_folder, "made.sqlite");
        File.WriteAllText(ddl, """
            CREATE TABLE items (id integer PRIMARY KEY, sku varchar(12) NOT NULL UNIQUE, note text,
                                qty integer NOT NULL CHECK (qty >= 0 AND qty <= 10), code varchar(8) CHECK (upper(code) = code));
            """);
        Assert.Equal(0, Run("spec", "--from-ddl", ddl, "-o", spec, "--rows", "40").Code);
        var generated = Run("generate", "--schema", spec, "-o", target, "--seed", "1");
        Assert.True(generated.Code == 0, generated.Error);
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False");
        db.Open();
        using var command = new Microsoft.Data.Sqlite.SqliteCommand("SELECT sql FROM sqlite_master WHERE name = 'items'", db);
        string created = (string)command.ExecuteScalar()!;
        Assert.Contains("UNIQUE (\"sku\")", created);
        Assert.Contains("CHECK (qty >= 0 AND qty <= 10)", created);
        Assert.DoesNotContain("upper(", created);            // a PostgreSQL function is not carried into SQLite
        Assert.Contains("\"note\" TEXT,", created);         // nullable as declared, not NOT NULL
        Assert.Contains("\"qty\" INTEGER NOT NULL", created);
    }

    [Fact]
    public void SpecFromDb_SqliteDatetime_IsGuessedAsADatetime()
    {
        string path = Path.Combine(_folder, "events.sqlite"), spec = Path.Combine(_folder, "events.yaml");
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = new Microsoft.Data.Sqlite.SqliteCommand("CREATE TABLE events (id INTEGER PRIMARY KEY, at DATETIME NOT NULL)", db);
            command.ExecuteNonQuery();
        }
        var (code, _, error) = Run("spec", "--from-db", path, "-o", spec, "--rows", "20");
        Assert.True(code == 0, error);
        Assert.Contains("at: { type: datetime, datetime:", File.ReadAllText(spec));
    }

    [Fact]
    public void Generate_FolderToSqlite_KeysDeclaredInTheFile()
    {
        string tiny = Path.Combine(AppContext.BaseDirectory, "tinydb"), target = Path.Combine(_folder, "out.sqlite");
        var (code, _, error) = Run("generate", tiny, "-o", target, "--seed", "5", "--reference", "departments,projects");
        Assert.True(code == 0, error);
        Assert.Equal([], Directory.GetFiles(_folder).Select(Path.GetFileName).Where(f => f!.StartsWith('.'))); // no temporary file left
        // The synthetic file declares what the folder's detection found: composite key, self-reference, and holds to it.
        var (inspected, output, inspectError) = Run("inspect", target);
        Assert.True(inspected == 0, inspectError);
        var json = JsonNode.Parse(output)!;
        var assignments = json["tables"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "assignments")!;
        Assert.Equal(["staff_id", "project_id"], assignments["key"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Contains(json["relationships"]!.AsArray(), r => r!["childTable"]!.GetValue<string>() == "staff" && r["parentTable"]!.GetValue<string>() == "staff");
        Assert.Equal(4, json["relationships"]!.AsArray().Count);
        Assert.DoesNotContain("does not fit", inspectError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Inspect_Postgres_Northwind_UnsupportedColumnsNamedThenSkipped()
    {
        using var pg = NorthwindPostgresTests.LoadNorthwind();
        string uri = Uri(pg);
        var refused = Run("inspect", uri);
        Assert.Equal(3, refused.Code);
        Assert.Contains("categories.picture (bytea)", refused.Error);
        Assert.Contains("--skip-unsupported", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error); // no stack trace

        var (code, output, error) = Run("inspect", uri, "--skip-unsupported");
        Assert.True(code == 0, error);
        Assert.Contains("warning: Left out column(s) categories.picture (bytea), employees.photo (bytea)", error);
        var json = JsonNode.Parse(output)!;
        var details = json["tables"]!.AsArray().First(t => t!["name"]!.GetValue<string>() == "order_details")!;
        Assert.Equal(["order_id", "product_id"], details["key"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Contains(json["relationships"]!.AsArray(), r => r!["childTable"]!.GetValue<string>() == "employees" && r["parentTable"]!.GetValue<string>() == "employees");
        Assert.DoesNotContain(pg.Password, output + error);
    }

    [SkippableFact]
    public void Generate_PostgresToANewSchema_AndRefusesItTheSecondTime()
    {
        using var pg = NorthwindPostgresTests.LoadNorthwind();
        pg.Execute("ALTER TABLE categories DROP CONSTRAINT categories_name_key"); // 8 names: a synthesizer may repeat one
        string manifest = Path.Combine(_folder, "synthetic.manifest.json");
        var (code, _, error) = Run("generate", Uri(pg), "-o", Uri(pg, "synthetic"), "--seed", "3", "--skip-unsupported", "--reference", "categories,employees,region,shippers", "--manifest", manifest);
        Assert.True(code == 0, error);
        Assert.Contains("\"synthetic.orders\"", File.ReadAllText(manifest));
        Assert.Equal(PostgresCatalogSnapshot.Constraints(pg, "public"), PostgresCatalogSnapshot.Constraints(pg, "synthetic"));
        Assert.DoesNotContain(pg.Password, error);

        // An existing manifest is refused first; with a new manifest path, the existing schema is.
        var again = Run("generate", Uri(pg), "-o", Uri(pg, "synthetic"), "--seed", "3", "--skip-unsupported", "--reference", "categories,employees,region,shippers", "--manifest", manifest);
        Assert.Equal(6, again.Code);
        Assert.Contains("already exists. Pass --force", again.Error);
        again = Run("generate", Uri(pg), "-o", Uri(pg, "synthetic"), "--seed", "3", "--skip-unsupported", "--reference", "categories,employees,region,shippers", "--manifest", manifest + ".2");
        Assert.Equal(6, again.Code);
        Assert.Contains("Schema 'synthetic' already exists", again.Error);
    }

    [SkippableFact]
    public void SpecFromDb_GeneratesBackIntoPostgresWithTheSourceConstraints()
    {
        using var pg = TestPostgres.Create();
        pg.Execute("""
            CREATE TYPE tier AS ENUM ('free', 'pro');
            CREATE TABLE customers (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(80) NOT NULL UNIQUE,
                                    plan tier NOT NULL, age integer CHECK (age BETWEEN 18 AND 99));
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id),
                                 total numeric(10,2) NOT NULL CHECK (total >= 0), placed timestamp NOT NULL);
            INSERT INTO customers (email, plan, age) VALUES ('someone@real.example', 'pro', 40);
            """);
        string spec = Path.Combine(_folder, "spec.yaml");
        var (code, _, error) = Run("spec", "--from-db", Uri(pg), "-o", spec, "--rows", "40");
        Assert.True(code == 0, error);
        string yaml = File.ReadAllText(spec);
        Assert.Contains("faker: email", yaml); // guessed from the column's name, and marked as a guess
        Assert.Contains("# guessed:", yaml);
        Assert.DoesNotContain("someone@real.example", yaml); // the catalog is read, never the rows
        Assert.DoesNotContain(pg.Password, yaml + error);

        var generated = Run("generate", "--schema", spec, "-o", Uri(pg, "generated"), "--seed", "4");
        Assert.True(generated.Code == 0, generated.Error);
        Assert.Equal(PostgresCatalogSnapshot.Constraints(pg, "public"), PostgresCatalogSnapshot.Constraints(pg, "generated"));
        Assert.Equal("40", pg.Scalar<long>("SELECT count(*) FROM generated.customers").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, pg.Scalar<long>("SELECT count(*) FROM generated.orders o LEFT JOIN generated.customers c ON c.id = o.customer_id WHERE c.id IS NULL"));
        Assert.Equal(0L, pg.Scalar<long>("SELECT count(*) FROM generated.customers WHERE age NOT BETWEEN 18 AND 99"));
    }

    [SkippableFact]
    public void SpecFromDdl_ByteaColumn_LandsAsBytea()
    {
        using var pg = TestPostgres.Create();
        string ddl = Path.Combine(_folder, "schema.sql"), spec = Path.Combine(_folder, "spec.yaml");
        File.WriteAllText(ddl, "CREATE TABLE staff (id integer PRIMARY KEY, photo bytea, badge bytea NOT NULL);\n");
        var (code, _, error) = Run("spec", "--from-ddl", ddl, "-o", spec, "--rows", "30");
        Assert.True(code == 0, error);
        var generated = Run("generate", "--schema", spec, "-o", Uri(pg, "made"), "--seed", "2");
        Assert.True(generated.Code == 0, generated.Error);
        Assert.Equal(["photo bytea YES", "badge bytea NO"],
            pg.Rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'made' AND table_name = 'staff' AND data_type = 'bytea' ORDER BY ordinal_position")
                .Select(r => string.Join(" ", r)));
        Assert.Equal(30L, pg.Scalar<long>("SELECT count(*) FROM made.staff WHERE length(badge) = 8"));
    }

    [SkippableFact]
    public void GenerateSchema_HandWrittenUnique_BecomesAUniqueConstraint()
    {
        using var pg = TestPostgres.Create();
        string spec = Path.Combine(_folder, "spec.yaml");
        File.WriteAllText(spec, """
            doppel: schema/1
            tables:
              shops:
                rows: 25
                key: id
                unique: [[city, code]]
                constraints:
                  - "Amount >= 10"
                  - "city != 'Lima' or Amount > 20"
                  - "matches(city, '[A-Z][a-z]+')"
                columns:
                  id:     { type: integer, sequence: { start: 1 } }
                  code:   { type: string, pattern: "[A-Z]{4}", unique: true }
                  city:   { type: string, categories: [Oslo, Lima] }
                  Amount: { type: decimal, uniform: { min: 0, max: 40 }, decimals: 2 }
            """);
        var generated = Run("generate", "--schema", spec, "-o", Uri(pg, "made"), "--seed", "3");
        Assert.True(generated.Code == 0, generated.Error);
        var constraints = PostgresCatalogSnapshot.Constraints(pg, "made");
        Assert.Contains(constraints, c => c.StartsWith("shops | p |", StringComparison.Ordinal) && c.EndsWith("PRIMARY KEY (id)", StringComparison.Ordinal));
        Assert.Contains(constraints, c => c.StartsWith("shops | u |", StringComparison.Ordinal) && c.EndsWith("UNIQUE (code)", StringComparison.Ordinal));
        Assert.Contains(constraints, c => c.StartsWith("shops | u |", StringComparison.Ordinal) && c.EndsWith("UNIQUE (city, code)", StringComparison.Ordinal));
        // Constraints that are plain SQL become CHECKs (PostgreSQL accepted every row); matches() is Doppel's own.
        Assert.Equal(2, constraints.Count(c => c.StartsWith("shops | c |", StringComparison.Ordinal)));
        Assert.Contains(constraints, c => c.Contains("CHECK ((\"Amount\" >= (10)::numeric))", StringComparison.Ordinal));
        Assert.Equal(0L, pg.Scalar<long>("SELECT count(*) FROM made.shops WHERE \"Amount\" < 10 OR (city = 'Lima' AND \"Amount\" <= 20)"));
    }

    [SkippableFact]
    public void SpecFromDdl_EnumColumn_LandsAsTheEnumType()
    {
        using var pg = TestPostgres.Create();
        string ddl = Path.Combine(_folder, "enum.sql"), spec = Path.Combine(_folder, "enum.yaml");
        File.WriteAllText(ddl, """
            CREATE TYPE public.tier AS ENUM ('free', 'pro', 'team');
            CREATE TABLE accounts (id integer PRIMARY KEY, plan public.tier NOT NULL, previous tier);
            """);
        Assert.Equal(0, Run("spec", "--from-ddl", ddl, "-o", spec, "--rows", "30").Code);
        var generated = Run("generate", "--schema", spec, "-o", Uri(pg, "made"), "--seed", "2");
        Assert.True(generated.Code == 0, generated.Error);
        Assert.Equal(["plan tier", "previous tier"],
            pg.Rows("SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'made' AND table_name = 'accounts' AND data_type = 'USER-DEFINED' ORDER BY ordinal_position")
                .Select(r => string.Join(" ", r)));
        Assert.Equal([["free,pro,team"]], pg.Rows("SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'made' AND t.typname = 'tier'"));
    }

    [SkippableFact]
    public void Inspect_LocationFromAnEnvironmentVariable()
    {
        using var pg = TestPostgres.Create();
        pg.Execute("CREATE TABLE t (id integer PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')");
        string name = "DOPPEL_TEST_DB_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, Uri(pg));
        try
        {
            var (code, output, error) = Run("inspect", "env:" + name);
            Assert.True(code == 0, error);
            Assert.Equal("t", JsonNode.Parse(output)!["tables"]![0]!["name"]!.GetValue<string>());
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void Inspect_UnreachablePostgres_Exit6WithoutStackTrace()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (code, _, error) = Run("inspect", $"postgresql://me:Sup3rSecret@127.0.0.1:{port}/shop");
        Assert.Equal(6, code);
        Assert.Contains($"Cannot reach PostgreSQL at postgresql://me@127.0.0.1:{port}/shop", error);
        Assert.DoesNotContain("Sup3rSecret", error);
        Assert.DoesNotContain("   at ", error);
    }
}
