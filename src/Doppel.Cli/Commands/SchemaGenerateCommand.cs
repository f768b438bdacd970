using System.CommandLine;
using System.Diagnostics;
using Doppel.Cli.Relational;
using Doppel.Relational;
using Doppel.Schema.Generation;
using Doppel.Schema.Spec;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel generate --schema spec.yaml -o OUT</c>: a whole database from a declared spec, no real data.</summary>
internal static class SchemaGenerateCommand
{
    public static Option<string?> Schema() => new("--schema") { Description = "Generate a database from a spec (YAML, docs/schema-spec.md) instead of learning from DATA; -o is the database (a folder, a .sqlite file or a postgresql:// location with ?schema=NAME)." };

    public static int Run(ParseResult parse, string specPath, string output, ulong? seed, int? threads, bool force, string? manifestPath, CliConsole console)
    {
        var watch = Stopwatch.StartNew();
        CommandSupport.CheckNotInput(output, specPath);
        var spec = SpecYaml.Load(specPath);
        if (output == "-") throw new DoppelException(ErrorKind.Usage, "-o - (stdout) cannot hold a database; give a folder, a .sqlite file or a postgresql:// location.");
        var location = Doppel.Databases.DatabaseProviders.ParseLocation(output);
        ulong actualSeed = seed ?? spec.Seed ?? CommandSupport.ResolveSeed(null, parse, console);
        _ = SchemaGenerator.Validate(spec, actualSeed);
        string sidecar = ManifestOption.Resolve(location, manifestPath, force);
        bool quiet = CommandSupport.IsQuiet(parse);
        var options = new SchemaGenerateOptions { Seed = actualSeed, Threads = threads ?? Environment.ProcessorCount };
        Action<string, long> progress = (table, rows) => { if (!quiet && parse.GetValue(CliApp.Verbose)) console.Error.WriteLine($"  {table}: {rows:N0} rows"); };
        IReadOnlyList<WrittenTable> written;
        if (location.Kind == DatabaseKind.Folder)
        {
            using var sink = FolderDatabase.CreateSink(location.Path, force);
            SchemaGenerator.Generate(spec, sink, options, progress);
            written = sink.Written;
        }
        else
        {
            // SQLite or PostgreSQL: the sink writes all or nothing and creates the keys after the data; the digest hashes the rows sent.
            using var sink = new DigestingSink(DatabaseOpener.OpenSink(location, force, new Dictionary<string, string>()), ManifestOption.TargetOf(location));
            SchemaGenerator.Generate(spec, sink, options, progress);
            written = sink.Written;
        }
        new SchemaManifest
        {
            Spec = Path.GetFileName(specPath),
            SpecSha256 = SchemaManifest.HashOf(File.ReadAllText(specPath)),
            Seed = actualSeed,
            Output = location.ToString(),
            Hashes = location.Kind == DatabaseKind.Folder ? null : DigestingSink.HashDefinition,
            Tables = [.. written.Select(w => new SchemaManifestTable(w.Table, w.Target, w.Rows, w.Sha256))],
        }.Save(sidecar);
        if (!quiet)
            console.Error.WriteLine($"Wrote {written.Sum(r => r.Rows):N0} rows in {written.Count} tables to {location} in {watch.Elapsed.TotalSeconds:0.00} s; provenance in {sidecar}.");
        return 0;
    }
}
