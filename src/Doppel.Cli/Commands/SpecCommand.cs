using System.CommandLine;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Schema.Import;
using Doppel.Schema.Spec;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel spec --from-ddl schema.sql -o spec.yaml</c>: a starting spec from DDL, metadata or real data's statistics.</summary>
internal static class SpecCommand
{
    public static Command Create(CliConsole console)
    {
        var fromDdl = new Option<string?>("--from-ddl") { Description = "PostgreSQL DDL (pg_dump --schema-only, or a full dump: data is skipped)." };
        var fromDb = new Option<string?>("--from-db") { Description = "A live database's catalog (postgresql://... or a .sqlite file): declared types, keys and constraints; no row is read." };
        var fromMetadata = new Option<string?>("--from-metadata") { Description = "Metadata JSON (from 'doppel inspect'): declared types, categories and bounds, no shapes." };
        var fromData = new Option<string?>("--from-data") { Description = "A data file or a folder of tables: writes only aggregate shapes (histograms, category shares of at least 5 rows, fan-outs)." };
        var rows = new Option<long?>("--rows", "-n") { Description = "Rows per table for --from-ddl and --from-metadata (default 1000)." };
        var output = CommandSupport.Output("The spec to write (YAML).");
        var force = CommandSupport.Force();
        var command = new Command("spec", "Write a starting spec for 'generate --schema': from DDL, metadata, or real data's statistics.") { fromDdl, fromDb, fromMetadata, fromData, rows, output, force, Relational.DatabaseOpener.SkipUnsupported };
        command.SetAction(parse =>
        {
            string target = parse.GetValue(output)!;
            var sources = new[] { parse.GetValue(fromDdl), parse.GetValue(fromDb), parse.GetValue(fromMetadata), parse.GetValue(fromData) };
            if (sources.Count(s => s is not null) != 1) throw new DoppelException(ErrorKind.Usage, "spec needs exactly one of --from-ddl, --from-db, --from-metadata or --from-data.");
            CommandSupport.CheckNotInput(target, sources);
            long perTable = parse.GetValue(rows) ?? 1000;
            if (perTable < 0) throw new DoppelException(ErrorKind.Usage, $"--rows must be 0 or more, not {perTable}.");
            SchemaSpec spec;
            string header;
            if (parse.GetValue(fromDdl) is { } ddl)
            {
                spec = PostgresDdl.Load(ddl, perTable);
                header = $"Spec written by doppel from the DDL {Path.GetFileName(ddl)}. Every '# guessed' generator is a guess from the column's name and type: review it.";
            }
            else if (parse.GetValue(fromDb) is { } db)
            {
                var location = Doppel.Databases.DatabaseProviders.ParseLocation(db);
                if (location.Kind == DatabaseKind.Folder)
                    throw new DoppelException(ErrorKind.Usage, $"--from-db reads a database's catalog (a .sqlite file or a postgresql:// location); {db} is a folder: use --from-data for its statistics.");
                var options = new Relational.DatabaseOpener.CommandOptions(CommandSupport.ParseOptionsOf(parse)) { SkipUnsupported = parse.GetValue(Relational.DatabaseOpener.SkipUnsupported), Warnings = CommandSupport.IsQuiet(parse) ? null : new List<string>() };
                using var source = Relational.DatabaseOpener.OpenSource(location, options);
                spec = SpecFromCatalog.Spec(source.ReadMetadata(), perTable, source.Description);
                spec = spec with { Notes = [.. options.Warnings ?? [], .. spec.Notes] };
                header = $"Spec written by doppel from the catalog of {source.Description} (no row read). Every '# guessed' generator is a guess from the column's name and type: review it.";
            }
            else if (parse.GetValue(fromMetadata) is { } metadataPath)
            {
                spec = SpecFromMetadata.Spec(MetadataJson.ReadFile(metadataPath), perTable);
                header = $"Spec written by doppel from the metadata {Path.GetFileName(metadataPath)}: declared types, categories and bounds only.";
            }
            else
            {
                string data = parse.GetValue(fromData)!;
                spec = FromData(data, parse, console);
                header = $"Spec written by doppel from the statistics of {Path.GetFileName(data.TrimEnd('/'))}: histograms, category shares (categories of at least 5 rows), null shares, fan-outs. It holds no row.";
            }
            string yaml = SpecWriter.Write(spec, header);
            var written = SpecYaml.Parse(yaml, target); // what is written must read back
            AtomicFile.Write(target, parse.GetValue(force), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(yaml)));
            // A starting spec is for review, so it is written even when generate would refuse it, but the user is told why.
            string? refusal = null;
            try { _ = Doppel.Schema.Generation.SchemaGenerator.Validate(written); }
            catch (DoppelException e) { refusal = e.Message; }
            if (refusal is not null) console.Error.WriteLine($"warning: 'generate --schema {target}' would refuse this spec as written: {refusal} Edit the spec before generating.");
            if (!CommandSupport.IsQuiet(parse))
            {
                console.Error.WriteLine($"Wrote a spec of {spec.Tables.Count} tables to {target}; {spec.Tables.Sum(t => t.Columns.Count(c => c.Guessed is not null))} guesses are marked '# guessed' for review.");
                foreach (string note in spec.Notes.Take(parse.GetValue(CliApp.Verbose) ? int.MaxValue : 10)) console.Error.WriteLine($"  note: {note}");
            }
            return 0;
        });
        return command;
    }

    private static SchemaSpec FromData(string path, ParseResult parse, CliConsole console)
    {
        if (Directory.Exists(path))
        {
            using var folder = FolderDatabase.Open(path, CommandSupport.ParseOptionsOf(parse));
            var metadata = folder.ReadMetadata();
            var tables = metadata.Tables.Select(t => (folder.ReadTable(t), t)).ToList();
            return SpecFromData.Database(tables, metadata.Relationships);
        }
        var (table, meta) = CommandSupport.LoadData(path, null, parse, console);
        return new SchemaSpec { Tables = [SpecFromData.Table(table, meta)] };
    }
}
