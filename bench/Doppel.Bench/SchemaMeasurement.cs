using System.Diagnostics;
using Doppel.Databases;
using Doppel.Databases.Postgres;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Relational;
using Doppel.Schema.Generation;
using Doppel.Schema.Import;
using Doppel.Schema.Spec;
using Npgsql;

namespace Doppel.Bench;

/// <summary>
/// Issue #14's floors (bench kind <c>schema</c>; SYNTHESIZER names the case): <c>numeric10</c> a 10-column spec without
/// fakers into CSV, on one thread and on all; <c>fakers</c> full names and e-mails into memory against Bogus's own
/// single-core speed measured in the same process; <c>northwind</c> 10,000,000 rows over all tables from
/// northwind's DDL alone into a folder of CSV (speed) and <c>northwind-postgres</c> the same into PostgreSQL with
/// every constraint of the loaded dump compared (the floor; needs <c>DOPPEL_BENCH_PG</c>); <c>adult</c> a spec from
/// Adult's statistics generated back and scored.
/// </summary>
internal static class SchemaMeasurement
{
    private const string Numeric10 = """
        doppel: schema/1
        tables:
          facts:
            rows: 1
            key: id
            columns:
              id:       { type: integer, sequence: { start: 1 } }
              store:    { type: integer, uniform: { min: 1, max: 500 } }
              amount:   { type: decimal, lognormal: { mu: 3, sigma: 1 }, decimals: 2 }
              quantity: { type: integer, poisson: { mean: 4 } }
              score:    { type: decimal, normal: { mean: 50, sd: 10 }, decimals: 1 }
              rank:     { type: integer, zipf: { n: 1000, s: 1.1 } }
              status:   { type: string, categories: { open: 0.6, closed: 0.3, void: 0.1 } }
              channel:  { type: string, categories: [web, store, phone, partner] }
              day:      { type: date, datetime: { from: 2020-01-01, to: 2025-12-31 } }
              wait:     { type: decimal, exponential: { mean: 3 }, decimals: 2 }
        """;

    private const string Fakers = """
        doppel: schema/1
        tables:
          people:
            rows: 1
            columns:
              name:  { type: string, faker: full_name }
              email: { type: string, faker: email }
        """;

    public static void Run(Dataset dataset, string @case, long rows, int runs, Dictionary<string, object> result)
    {
        switch (@case)
        {
            case "numeric10":
            {
                var spec = WithRows(SpecYaml.Parse(Numeric10), rows);
                result["secondsOneThread"] = Timing.Runs(() => ToCsv(spec, 1), runs);
                // The same values dropped instead of written: how the time splits between making and formatting.
                result["secondsValuesOnly"] = Timing.Runs(() => ToMemory(spec, 1), runs);
                result["seconds"] = Timing.Runs(() => ToCsv(spec, Environment.ProcessorCount), runs);
                break;
            }
            case "fakers":
            {
                var spec = WithRows(SpecYaml.Parse(Fakers), rows);
                result["seconds"] = Timing.Runs(() => ToMemory(spec, Environment.ProcessorCount), runs);
                result["secondsOneThread"] = Timing.Runs(() => ToMemory(spec, 1), runs);
                // Bogus itself, one core, same rows: a full name and an e-mail per row.
                result["bogusSeconds"] = Timing.Runs(() =>
                {
                    var faker = new Bogus.Faker("en") { Random = new Bogus.Randomizer(1) };
                    for (long i = 0; i < rows; i++) { _ = faker.Name.FullName(); _ = faker.Internet.Email(); }
                }, runs);
                break;
            }
            case "northwind":
            {
                var spec = Northwind(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(dataset.TrainFile)!)!, "northwind", "northwind.sql"));
                long total = 0;
                result["seconds"] = Timing.Runs(() => total = ToFolder(spec, Environment.ProcessorCount), runs);
                result["totalRows"] = total;
                result["tables"] = spec.Tables.Count;
                break;
            }
            case "northwind-postgres":
                NorthwindIntoPostgres(dataset, result);
                break;
            case "adult":
            {
                var (real, meta) = TableFiles.Load(dataset.TrainFile);
                var spec = new SchemaSpec { Tables = [SpecFromData.Table(real, meta) with { Name = "adult" }] };
                spec = SpecYaml.Parse(SpecWriter.Write(spec));
                string folder = Temp();
                var watch = Stopwatch.StartNew();
                using (var sink = FolderDatabase.CreateSink(folder, false)) SchemaGenerator.Generate(spec, sink, new SchemaGenerateOptions { Seed = 1 });
                result["seconds"] = new List<double> { watch.Elapsed.TotalSeconds };
                var (synthetic, _) = TableFiles.Load(Path.Combine(folder, "adult.csv"), meta);
                Directory.Delete(folder, true);
                var accuracy = Accuracy.Compute(real, synthetic, meta);
                result["accuracy"] = accuracy.Overall;
                result["trainRows"] = real.RowCount;
                result["univariate"] = accuracy.Univariate;
                result["bivariate"] = accuracy.Bivariate;
                break;
            }
            default: throw new ArgumentException($"Unknown schema case {@case}.");
        }
    }

    /// <summary>
    /// The PostgreSQL floor: northwind's dump is loaded into a fresh database (so the constraints to compare with are
    /// PostgreSQL's own reading of the source), the spec from its DDL alone is generated at about 10 million rows into
    /// a new schema of that database (binary COPY, keys and constraints created after the data, so PostgreSQL checks
    /// every row), and the two schemas' constraints are compared by definition. The cluster is
    /// <c>DOPPEL_BENCH_PG</c> (a libpq URI) with the password in <c>PGPASSWORD</c>.
    /// </summary>
    private static void NorthwindIntoPostgres(Dataset dataset, Dictionary<string, object> result)
    {
        string uri = Environment.GetEnvironmentVariable("DOPPEL_BENCH_PG") ?? throw new InvalidOperationException("DOPPEL_BENCH_PG is not set.");
        string dump = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(dataset.TrainFile)!)!, "northwind", "northwind.sql");
        var cluster = DatabaseLocation.Parse(uri);
        string database = "doppel_bench_" + Guid.NewGuid().ToString("N")[..10];
        var connect = new DatabaseConnectOptions { Password = Environment.GetEnvironmentVariable("PGPASSWORD") };
        using (var admin = Postgres(cluster.Parameters, null, connect)) PostgresSession.Execute(admin, $"CREATE DATABASE {database}");
        try
        {
            using (var source = Postgres(cluster.Parameters, database, connect)) PostgresSession.Execute(source, File.ReadAllText(dump));
            var spec = Northwind(dump);
            var target = DatabaseLocation.Parse(uri[..uri.LastIndexOf('/')] + "/" + database + "?schema=synthetic");
            var watch = Stopwatch.StartNew();
            long total;
            using (var sink = DatabaseProviders.OpenSink(target, connect))
                total = SchemaGenerator.Generate(spec, sink, new SchemaGenerateOptions { Seed = 1, Threads = Environment.ProcessorCount }).Rows.Sum(r => r.Rows);
            result["seconds"] = new List<double> { watch.Elapsed.TotalSeconds };
            result["totalRows"] = total;
            result["tables"] = spec.Tables.Count;
            using var db = Postgres(cluster.Parameters, database, connect);
            var real = Constraints(db, "public");
            var synthetic = Constraints(db, "synthetic");
            result["sourceConstraints"] = real.Count;
            result["constraintsCreated"] = synthetic.Count;
            result["constraintsMissing"] = real.Except(synthetic).ToList();
            // NOT NULL and the declared types are constraints too: every column as the catalog spells it.
            result["columnsDiffering"] = Columns(db, "public").Except(Columns(db, "synthetic")).ToList();
            result["rowsInDatabase"] = spec.Tables.Sum(t => Scalar(db, $"SELECT count(*) FROM synthetic.{t.Name}"));
        }
        finally
        {
            using var admin = Postgres(cluster.Parameters, null, connect);
            PostgresSession.Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>The cluster's connection as the sinks open it (libpq parameters, the password), to <paramref name="database"/> or the URI's.</summary>
    private static NpgsqlConnection Postgres(IReadOnlyDictionary<string, string> parameters, string? database, DatabaseConnectOptions connect)
    {
        var target = database is null ? parameters : new Dictionary<string, string>(parameters) { ["dbname"] = database };
        return PostgresSession.Open(PostgresConnectionString.Create(target, connect));
    }

    private static long Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every PK, FK, UNIQUE and CHECK of a schema by table, kind and definition (names may differ).</summary>
    private static List<string> Constraints(NpgsqlConnection connection, string schema) => Strings(connection, $"""
        SELECT c.relname || ' | ' || con.contype::text || ' | ' || replace(pg_get_constraintdef(con.oid), '{schema}.', '')
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = '{schema}' AND con.contype IN ('p', 'f', 'u', 'c') ORDER BY 1
        """);

    /// <summary>Every column of a schema: table, name, declared type and NOT NULL.</summary>
    private static List<string> Columns(NpgsqlConnection connection, string schema) => Strings(connection, $"""
        SELECT c.relname || ' | ' || a.attname || ' | ' || replace(format_type(a.atttypid, a.atttypmod), '{schema}.', '') || ' | ' || a.attnotnull::text
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = '{schema}' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1
        """);

    private static List<string> Strings(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Northwind's DDL with its guesses, sized to about 10 million rows: 600,000 customers (each with 0-5 demographics), 32,000 orders with 100-400 details each.</summary>
    internal static SchemaSpec Northwind(string ddl)
    {
        var spec = PostgresDdl.Load(ddl, 1000);
        return spec with
        {
            Tables = [.. spec.Tables.Select(t => t.Name switch
            {
                "customers" => t with { Rows = 600_000 },
                "orders" => t with { Rows = 32_000 },
                "products" => t with { Rows = 30_000 },
                "order_details" => t with { ForeignKeys = [.. t.ForeignKeys.Select(f => f.References == "orders" ? f with { FanOut = new FanOutSpec { Min = 100, Max = 400 } } : f)] },
                _ => t,
            })],
        };
    }

    private static SchemaSpec WithRows(SchemaSpec spec, long rows) => spec with { Tables = [spec.Tables[0] with { Rows = rows }] };

    private static string Temp() => Path.Combine(Path.GetTempPath(), "doppel-bench-schema-" + Guid.NewGuid().ToString("N"));

    private static void ToCsv(SchemaSpec spec, int threads) => ToFolder(spec, threads);

    private static long ToFolder(SchemaSpec spec, int threads)
    {
        string folder = Temp();
        try
        {
            using var sink = FolderDatabase.CreateSink(folder, false);
            return SchemaGenerator.Generate(spec, sink, new SchemaGenerateOptions { Seed = 1, Threads = threads }).Rows.Sum(r => r.Rows);
        }
        finally { if (Directory.Exists(folder)) Directory.Delete(folder, true); }
    }

    private static void ToMemory(SchemaSpec spec, int threads)
    {
        using var sink = new NullSink();
        SchemaGenerator.Generate(spec, sink, new SchemaGenerateOptions { Seed = 1, Threads = threads });
    }

    /// <summary>Generates the batches and drops them: the cost of making the values, without formatting.</summary>
    private sealed class NullSink : IDatabaseSink
    {
        public ITableWriter OpenTable(Doppel.Metadata.TableMetadata table) => new Dropping();
        public void Commit(Doppel.Metadata.DatasetMetadata metadata) { }
        public void Dispose() { }

        private sealed class Dropping : ITableWriter
        {
            public object Encode(Doppel.Data.Table batch) => batch.RowCount;
            public void Write(object encoded) { }
            public void Complete() { }
            public void Dispose() { }
        }
    }
}
