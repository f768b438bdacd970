using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Cli.Commands;
using Doppel.Databases;
using Doppel.Evaluation.Relational;
using Doppel.Evaluation.Sequences;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>The database verbs (see <see cref="DatabaseCli"/>); each maps options to library calls.</summary>
internal static class DatabaseCommands
{
    private static Argument<string> DatabaseArgument() =>
        new("DATABASE") { Description = "A folder with one CSV or Parquet file per table, a .sqlite file, or a postgresql:// URI." };

    private static Option<bool> KeepRare() => CommandSupport.KeepRare();
    private static Option<bool> DropOrphans() => new("--drop-orphans") { Description = "Drop child rows whose foreign key matches no parent row (counted per relationship) instead of refusing the database." };

    public static Command Inspect(CliConsole console)
    {
        var database = DatabaseArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the metadata JSON (stdout when omitted)." };
        var force = CommandSupport.Force();
        var sequences = new SequenceOptions();
        var command = new Command("inspect", "Detect every table's columns, keys and foreign keys (with the evidence) and write metadata JSON to edit.") { database, output, force, sequences.Tables, sequences.Transitions };
        command.SetAction(parse =>
        {
            var location = DatabaseProviders.ParseLocation(parse.GetValue(database)!);
            using var source = DatabaseOpener.OpenSource(location, Options(parse, console));
            DatasetMetadata metadata;
            IReadOnlyList<string> evidence = [];
            if (source is FolderDatabase folder)
            {
                var detection = folder.Detect();
                (metadata, evidence) = (detection.Metadata, detection.Evidence);
            }
            else metadata = source.ReadMetadata();
            (metadata, evidence) = sequences.Detect(parse, source, metadata, evidence);
            string? problem = null;
            try { DatabaseValidator.Validate(Database.Read(source, metadata)); }
            catch (DoppelException e) when (e.Kind is ErrorKind.Data or ErrorKind.Metadata) { problem = e.Message; }
            string json = MetadataJson.Write(metadata) + "\n";
            string? target = parse.GetValue(output);
            if (target is null || target == "-") console.Out.Write(json);
            else
            {
                CommandSupport.RefuseExisting(target, parse.GetValue(force));
                AtomicFile.Write(target, parse.GetValue(force), s => s.Write(System.Text.Encoding.UTF8.GetBytes(json)));
            }
            if (!CommandSupport.IsQuiet(parse))
            {
                if (source is FolderDatabase f) foreach (var warning in f.Warnings) console.Error.WriteLine($"warning: {warning}");
                console.Error.WriteLine($"{source.Description}: {metadata.Tables.Count} tables, {metadata.Relationships.Count} relationships.");
                foreach (string line in evidence) console.Error.WriteLine($"  {line}");
                if (target is not null && target != "-") console.Error.WriteLine($"Wrote {target}. Edit it (keys, relationships, column types) and pass it to fit or generate with --metadata.");
            }
            if (problem is not null) console.Error.WriteLine($"warning: the database does not fit this metadata yet: {problem}");
            return 0;
        });
        return command;
    }

    public static Command Fit(CliConsole console)
    {
        var database = DatabaseArgument();
        var output = CommandSupport.Output("Where to write the database model (.doppel).");
        var metadata = CommandSupport.MetadataOption();
        var force = CommandSupport.Force();
        var keepRare = KeepRare();
        var dropOrphans = DropOrphans();
        var reference = ReferenceOption();
        var sequences = new SequenceOptions();
        var command = new Command("fit", "Learn a model of a whole database and save it (statistics only, never rows, except reference tables').") { database, output, metadata, force, keepRare, dropOrphans, reference, sequences.Tables, sequences.Transitions };
        command.SetAction(parse =>
        {
            var (model, _) = FitDatabase(parse, parse.GetValue(database)!, parse.GetValue(metadata), parse.GetValue(keepRare), parse.GetValue(dropOrphans), parse.GetValue(reference), sequences, console);
            string target = parse.GetValue(output)!;
            DatabaseModelFile.Save(model, target, parse.GetValue(force));
            if (!CommandSupport.IsQuiet(parse)) console.Error.WriteLine($"Wrote {target}.");
            return 0;
        });
        return command;
    }

    public static Command Sample(CliConsole console)
    {
        var modelPath = new Argument<string>("MODEL") { Description = "Database model written by 'doppel fit DATABASE'." };
        var output = CommandSupport.Output("Where to write the synthetic database (a new folder).");
        var sizing = new Sizing();
        var seed = CommandSupport.Seed();
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var from = SequenceOptions.From();
        var manifest = ManifestOption.Create();
        var command = new Command("sample", "Generate a synthetic database from a database model.") { modelPath, output, sizing.Scale, sizing.Rows, sizing.Entities, sizing.Extend, sizing.Where, from, seed, threads, force, manifest };
        command.SetAction(parse =>
        {
            var model = DatabaseModelFile.Load(parse.GetValue(modelPath)!);
            Database? real = null;
            if (parse.GetValue(from) is { } fromPath)
            {
                if (parse.GetValue(sizing.Extend) < 1) throw new DoppelException(ErrorKind.Usage, "--from gives the real sequences to continue; pass --extend STEPS with it.");
                using var source = DatabaseOpener.OpenSource(DatabaseProviders.ParseLocation(fromPath), Options(parse, console));
                real = Database.Read(source, model.Metadata);
            }
            Write(model, parse, parse.GetValue(output)!, sizing, seed, threads, force, manifest, console, real);
            return 0;
        });
        return command;
    }

    public static Command Generate(CliConsole console)
    {
        var database = DatabaseArgument();
        var output = CommandSupport.Output("Where to write the synthetic database (a new folder; same file names and formats as the input).");
        var metadata = CommandSupport.MetadataOption();
        var sizing = new Sizing();
        var seed = CommandSupport.Seed();
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var keepRare = KeepRare();
        var dropOrphans = DropOrphans();
        var reference = ReferenceOption();
        var sequences = new SequenceOptions();
        var manifest = ManifestOption.Create();
        var command = new Command("generate", "Fit a database model and sample a synthetic database in one step.") { database, output, metadata, sizing.Scale, sizing.Rows, sizing.Entities, sizing.Extend, sizing.Where, seed, threads, force, keepRare, dropOrphans, reference, sequences.Tables, sequences.Transitions, manifest };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(database)!, target = parse.GetValue(output)!;
            if (Path.GetFullPath(input).TrimEnd('/') == Path.GetFullPath(target).TrimEnd('/'))
                throw new DoppelException(ErrorKind.Usage, $"The output {target} is the input; choose another folder.");
            ManifestOption.CheckBefore(DatabaseProviders.ParseLocation(target), parse.GetValue(manifest), parse.GetValue(force)); // not after a long fit
            var (model, real) = FitDatabase(parse, input, parse.GetValue(metadata), parse.GetValue(keepRare), parse.GetValue(dropOrphans), parse.GetValue(reference), sequences, console);
            Write(model, parse, target, sizing, seed, threads, force, manifest, console, parse.GetValue(sizing.Extend) > 0 ? real : null);
            return 0;
        });
        return command;
    }

    public static Command Evaluate(CliConsole console)
    {
        var real = new Option<string>("--real") { Description = "The real database.", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "The synthetic database.", Required = true };
        var metadata = CommandSupport.MetadataOption();
        var json = new Option<string?>("--json") { Description = "Write the JSON report here (stdout when neither --json nor -o is given)." };
        var html = new Option<string?>("--output", "-o") { Description = "Write the HTML report here (the schema with each relationship's scores, children-per-parent histograms)." };
        var holdout = new Option<string?>("--holdout") { Description = "Real data the model never saw (a database like --real, split by entity): adds the sequences' accuracy ceiling and entity privacy distances." };
        var lags = new Option<string?>("--lags") { Description = "Autocorrelation lags of sequence tables, as 1,24 (default: 1 and the daily, weekly or yearly period of a declared interval)." };
        var window = new Option<int?>("--window") { Description = "Score sequences as consecutive windows of this many steps (accuracy, StatisticMSAS, InterRowMSAS): for a few long series, e.g. --window 24 for days of hourly readings." };
        var force = CommandSupport.Force();
        var sequences = new SequenceOptions();
        var command = new Command("evaluate", "Score a synthetic database against the real one: per table, across tables (cardinality, intertable trends, referential integrity), and per sequence table (accuracy with coherence, per-sequence metrics, autocorrelation).") { real, synthetic, holdout, metadata, sequences.Tables, lags, window, json, html, force };
        command.SetAction(parse =>
        {
            // Existing reports are refused before the (possibly long) scoring, in the CLI's words.
            foreach (string? output in new[] { parse.GetValue(json), parse.GetValue(html) })
                if (output is not null) CommandSupport.RefuseExisting(output, parse.GetValue(force));
            var options = Options(parse, console);
            using var realSource = DatabaseOpener.OpenSource(DatabaseProviders.ParseLocation(parse.GetValue(real)!), options);
            var meta = sequences.Apply(parse, parse.GetValue(metadata) is { } path ? MetadataJson.ReadFile(path) : realSource.ReadMetadata());
            var realDb = Database.Read(realSource, meta);
            using var synSource = DatabaseOpener.OpenSource(DatabaseProviders.ParseLocation(parse.GetValue(synthetic)!), options);
            var synDb = Database.Read(synSource, meta);
            Database? holdoutDb = null;
            if (parse.GetValue(holdout) is { } holdoutPath)
            {
                using var holdoutSource = DatabaseOpener.OpenSource(DatabaseProviders.ParseLocation(holdoutPath), options);
                holdoutDb = Database.Read(holdoutSource, meta);
            }
            if (parse.GetValue(window) is < 2) throw new DoppelException(ErrorKind.Usage, $"--window {parse.GetValue(window)}: a window holds 2 steps or more.");
            var sequenceOptions = new SequenceEvaluationOptions { Lags = ParseLags(parse.GetValue(lags)), Window = parse.GetValue(window) };
            var quality = MultiTableReport.Compute(realDb, synDb, holdoutDb, sequenceOptions);
            string text = MultiTableJson.Write(quality) + "\n";
            if (parse.GetValue(json) is { } target && target != "-")
                AtomicFile.Write(target, parse.GetValue(force), s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            else if (parse.GetValue(html) is null) console.Out.Write(text);
            if (parse.GetValue(html) is { } page)
                AtomicFile.Write(page, parse.GetValue(force), s => s.Write(System.Text.Encoding.UTF8.GetBytes(MultiTableHtml.Render(quality, $"Doppel database report: {synSource.Description} against {realSource.Description}"))));
            if (!CommandSupport.IsQuiet(parse))
                console.Error.WriteLine($"Overall {quality.Overall:0.000}: cardinality {quality.Cardinality:0.000}, intertable trends {quality.IntertableTrends:0.000}, column shapes {quality.ColumnShapes:0.000}, column pair trends {quality.ColumnPairTrends:0.000}; referential integrity {quality.ReferentialIntegrity:0.000}, cardinality bounds {quality.CardinalityBoundaryAdherence:0.000}.");
            if (!CommandSupport.IsQuiet(parse))
                foreach (var q in quality.Sequences)
                    console.Error.WriteLine($"Sequences {q.Table}: accuracy {q.Accuracy.Overall:0.000}{(q.AccuracyCeiling is { } c ? $" (holdout ceiling {c.Overall:0.000})" : "")}, coherence {q.Accuracy.Coherence:0.000}, length similarity {q.LengthSimilarity:0.000}, order holds {q.OrderHolds:0.000}{(q.EntityDcrShare is { } d ? $", entity DCR share {d:0.000}" : "")}.");
            return 0;
        });
        return command;
    }

    /// <summary>The --lags list; null for the defaults.</summary>
    private static int[]? ParseLags(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var lags = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out lags[i]) || lags[i] < 1)
                throw new DoppelException(ErrorKind.Usage, $"--lags '{text}' is not a list of whole numbers of 1 or more (e.g. --lags 1,24).");
        if (lags.Length == 0) throw new DoppelException(ErrorKind.Usage, "--lags is empty; give lags such as 1,24.");
        return lags;
    }

    internal static DatabaseOpener.CommandOptions Options(ParseResult parse, CliConsole console) =>
        new(CommandSupport.ParseOptionsOf(parse)) { SkipUnsupported = parse.GetValue(DatabaseOpener.SkipUnsupported), Warnings = new ProviderWarnings(console, CommandSupport.IsQuiet(parse)) };

    /// <summary>A provider's notes (left-out columns and constraints), printed as warnings as they come unless --quiet.</summary>
    private sealed class ProviderWarnings(CliConsole console, bool quiet) : System.Collections.ObjectModel.Collection<string>
    {
        protected override void InsertItem(int index, string item)
        {
            base.InsertItem(index, item);
            if (!quiet) console.Error.WriteLine($"warning: {item}");
        }
    }

    private static Option<string[]> ReferenceOption() => new("--reference")
    {
        Description = "Reference tables, as TABLE[,TABLE] (repeatable): public lookup data (regions, shippers, categories) reproduced as it is, its rows stored in the model, never scaled. The way to keep tables too small to model.",
    };

    public static Command Model(CliConsole console)
    {
        var modelPath = new Argument<string>("MODEL") { Description = "Database model written by 'doppel fit DATABASE'." };
        var command = new Command("model", "Describe a database model: its tables, their training rows, roots and reference tables.") { modelPath };
        command.SetAction(parse =>
        {
            var model = DatabaseModelFile.Load(parse.GetValue(modelPath)!);
            var reference = model.ReferenceTables.ToHashSet(StringComparer.Ordinal);
            var roots = model.Roots.ToHashSet(StringComparer.Ordinal);
            console.Out.WriteLine($"database model: {model.Metadata.Tables.Count} tables, {model.Metadata.Relationships.Count} relationships");
            foreach (var (name, rows) in model.TrainingRows)
                console.Out.WriteLine($"  {name,-24} {rows,12:N0} rows  {(reference.Contains(name) ? "reference table (rows stored, never scaled)" : roots.Contains(name) ? "root" : "child")}");
            console.Out.WriteLine($"reference tables: {(reference.Count == 0 ? "none" : string.Join(", ", model.ReferenceTables))}");
            return 0;
        });
        return command;
    }

    /// <summary>The metadata with the tables of --reference declared reference tables.</summary>
    private static DatasetMetadata WithReferences(DatasetMetadata metadata, string[]? reference)
    {
        var names = (reference ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0) return metadata;
        foreach (string name in names)
            if (metadata.FindTable(name) is null)
                throw new DoppelException(ErrorKind.Usage, $"--reference names table '{name}', which the database does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
        return metadata with { Tables = [.. metadata.Tables.Select(t => names.Contains(t.Name) ? t with { Reference = true } : t)] };
    }

    private static (DatabaseModel Model, Database Real) FitDatabase(ParseResult parse, string input, string? metadataPath, bool keepRare, bool dropOrphans, string[]? reference, SequenceOptions sequences, CliConsole console)
    {
        var location = DatabaseProviders.ParseLocation(input);
        using var source = DatabaseOpener.OpenSource(location, Options(parse, console));
        var watch = Stopwatch.StartNew();
        var metadata = sequences.Apply(parse, WithReferences(metadataPath is null ? source.ReadMetadata() : MetadataJson.ReadFile(metadataPath), reference));
        var real = Database.Read(source, metadata);
        if (dropOrphans)
        {
            var (kept, counts) = OrphanRows.Drop(real);
            real = kept;
            if (!CommandSupport.IsQuiet(parse))
                foreach (var (relationship, dropped) in counts) console.Error.WriteLine($"Dropped {dropped:N0} orphan rows of {relationship} (their foreign key matches no parent row).");
        }
        if (!CommandSupport.IsQuiet(parse))
        {
            if (source is FolderDatabase f) foreach (var warning in f.Warnings) console.Error.WriteLine($"warning: {warning}");
            console.Error.WriteLine($"Read {source.Description}: {metadata.Tables.Count} tables, {real.Tables.Values.Sum(t => (long)t.RowCount):N0} rows in {watch.Elapsed.TotalSeconds:0.00} s.");
        }
        watch.Restart();
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Table = new() { KeepRare = keepRare }, Evidence = evidence });
        if (!CommandSupport.IsQuiet(parse)) foreach (string line in evidence) console.Error.WriteLine($"  {line}");
        if (source is FolderDatabase folder) model = model.WithFileNames(folder.FileNames);
        if (!CommandSupport.IsQuiet(parse)) console.Error.WriteLine($"Fitted the database model in {watch.Elapsed.TotalSeconds:0.00} s.");
        return (model, real);
    }

    private static void Write(DatabaseModel model, ParseResult parse, string target, Sizing sizing, Option<ulong?> seed, Option<int?> threads, Option<bool> force, Option<string?> manifest, CliConsole console, Database? extendFrom = null)
    {
        var location = DatabaseProviders.ParseLocation(target);
        ulong actualSeed = CommandSupport.ResolveSeed(parse.GetValue(seed), parse, console);
        int extend = parse.GetValue(sizing.Extend);
        var options = new DatabaseSampleOptions
        {
            Seed = actualSeed, Scale = parse.GetValue(sizing.Scale), Rows = sizing.Parse(parse), Threads = parse.GetValue(threads),
            Entities = parse.GetValue(sizing.Entities), Extend = extendFrom is null ? extend : 0, Where = sizing.Conditions(parse),
        };
        bool overwrite = parse.GetValue(force);
        string manifestPath = ManifestOption.Resolve(location, parse.GetValue(manifest), overwrite);
        var watch = Stopwatch.StartNew();
        using var sink = ManifestOption.OpenSink(location, overwrite, model.FileNames);
        _ = extendFrom is null ? model.Sample(options, sink) : model.Extend(extendFrom, extend, options, sink);
        var written = ManifestOption.WrittenBy(sink);
        new DatabaseManifest
        {
            Engine = Manifest.EngineVersion,
            Seed = actualSeed, Scale = options.Scale, Rows = options.Rows.Count > 0 ? options.Rows : null, Output = location.ToString(), Tables = written,
            ReferenceTables = model.ReferenceTables.Count > 0 ? model.ReferenceTables : null,
            Hashes = ManifestOption.HashesOf(sink),
        }.Save(manifestPath, overwrite: true);
        if (!CommandSupport.IsQuiet(parse))
            console.Error.WriteLine($"Sampled {written.Count} tables, {written.Sum(w => w.Rows):N0} rows in {watch.Elapsed.TotalSeconds:0.00} s; wrote {location}; manifest {manifestPath}.");
    }

    /// <summary>What to generate: --scale, --rows TABLE=N, --entities, --extend, --where TABLE: CONDITION.</summary>
    private sealed class Sizing
    {
        public Option<double> Scale { get; } = new("--scale") { Description = "Multiply the rows of every root table by this factor; children follow their cardinality model.", DefaultValueFactory = _ => 1.0 };

        public Option<string[]> Rows { get; } = new("--rows", "-n") { Description = "Exact rows of a root table, as TABLE=N (repeatable).", AllowMultipleArgumentsPerToken = false };

        public Option<int?> Entities { get; } = new("--entities") { Description = "How many entities sequence tables get: rows of the sequence's context table, or series of a sequence table without one." };

        public Option<int> Extend { get; } = new("--extend") { Description = "Continue sequences by this many steps: each real entity's (generate DATABASE, or sample with --from DATABASE; the output holds the new steps), or each generated one's (sample)." };

        public Option<string[]> Where { get; } = new("--where") { Description = "Generate only rows of a root table (a sequence's context table, say) that meet a condition, as \"TABLE: CONDITION\" in the --where language (repeatable; children follow the rows as conditioned).", AllowMultipleArgumentsPerToken = false };

        /// <summary>The --where conditions by table; two for one table must both hold.</summary>
        public IReadOnlyDictionary<string, string> Conditions(ParseResult parse)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string item in parse.GetValue(Where) ?? [])
            {
                int colon = item.IndexOf(':', StringComparison.Ordinal);
                string table = colon < 0 ? "" : item[..colon].Trim(), condition = colon < 0 ? "" : item[(colon + 1)..].Trim();
                if (table.Length == 0 || condition.Length == 0)
                    throw new DoppelException(ErrorKind.Usage, $"--where \"{item}\" is not \"TABLE: CONDITION\" (e.g. --where \"players: bats = 'L'\").");
                result[table] = result.TryGetValue(table, out var before) ? $"({before}) and ({condition})" : condition;
            }
            return result;
        }

        public IReadOnlyDictionary<string, long> Parse(ParseResult parse)
        {
            var result = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string item in parse.GetValue(Rows) ?? [])
            {
                int eq = item.LastIndexOf('=');
                if (eq <= 0 || !long.TryParse(item[(eq + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n))
                    throw new DoppelException(ErrorKind.Usage, $"--rows '{item}' is not TABLE=N (e.g. --rows customers=1000).");
                result[item[..eq]] = n;
            }
            return result;
        }
    }
}
