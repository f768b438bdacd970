using System.Diagnostics;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Relational;
using Doppel.Schema.Generation;
using Doppel.Schema.Import;
using Doppel.Schema.Spec;

namespace Doppel.Bench;

/// <summary>
/// Issue #14's floors (bench kind <c>schema</c>; SYNTHESIZER names the case): <c>numeric10</c> a 10-column spec without
/// fakers into CSV, on one thread and on all; <c>fakers</c> full names and e-mails into memory against Bogus's own
/// single-core speed measured in the same process; <c>northwind</c> 10,000,000 rows over all tables from
/// northwind's DDL alone into a folder of CSV; <c>adult</c> a spec from Adult's statistics generated back and scored.
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
