using System.CommandLine;
using System.Diagnostics;
using Doppel.Relational;
using Doppel.Schema.Generation;
using Doppel.Schema.Spec;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel generate --schema spec.yaml -o OUT</c>: a whole database from a declared spec, no real data.</summary>
internal static class SchemaGenerateCommand
{
    public static Option<string?> Schema() => new("--schema") { Description = "Generate a database from a spec (YAML, docs/schema-spec.md) instead of learning from DATA; -o is the database (a folder)." };

    public static int Run(ParseResult parse, string specPath, string output, ulong? seed, int? threads, bool force, CliConsole console)
    {
        var watch = Stopwatch.StartNew();
        CommandSupport.CheckNotInput(output, specPath);
        var spec = SpecYaml.Load(specPath);
        if (output == "-") throw new DoppelException(ErrorKind.Usage, "-o - (stdout) cannot hold a database; give a folder.");
        var location = Doppel.Databases.DatabaseProviders.ParseLocation(output);
        ulong actualSeed = seed ?? spec.Seed ?? CommandSupport.ResolveSeed(null, parse, console);
        _ = SchemaGenerator.Validate(spec, actualSeed);
        bool quiet = CommandSupport.IsQuiet(parse);
        var options = new SchemaGenerateOptions { Seed = actualSeed, Threads = threads ?? Environment.ProcessorCount };
        Action<string, long> progress = (table, rows) => { if (!quiet && parse.GetValue(CliApp.Verbose)) console.Error.WriteLine($"  {table}: {rows:N0} rows"); };
        if (location.Kind != DatabaseKind.Folder)
        {
            // SQLite or PostgreSQL: the sink writes all or nothing and creates the keys after the data; no sidecar.
            using var database = Relational.DatabaseOpener.OpenSink(location, force, new Dictionary<string, string>());
            var written = SchemaGenerator.Generate(spec, database, options, progress);
            if (!quiet)
                console.Error.WriteLine($"Wrote {written.Rows.Sum(r => r.Rows):N0} rows in {written.Rows.Count} tables to {location} in {watch.Elapsed.TotalSeconds:0.00} s.");
            return 0;
        }
        using var sink = FolderDatabase.CreateSink(location.Path, force);
        var result = SchemaGenerator.Generate(spec, sink, options, progress);
        var manifest = new SchemaManifest
        {
            Spec = Path.GetFileName(specPath),
            SpecSha256 = SchemaManifest.HashOf(File.ReadAllText(specPath)),
            Seed = actualSeed,
            Tables = [.. sink.Written.Select(w => new SchemaManifestTable(w.Table, w.Target, w.Rows, w.Sha256))],
        };
        string sidecar = Path.GetFullPath(location.Path).TrimEnd(Path.DirectorySeparatorChar) + ".manifest.json";
        manifest.Save(sidecar);
        if (!quiet)
            console.Error.WriteLine($"Wrote {result.Rows.Sum(r => r.Rows):N0} rows in {result.Rows.Count} tables to {output} in {watch.Elapsed.TotalSeconds:0.00} s; provenance in {sidecar}.");
        return 0;
    }
}
