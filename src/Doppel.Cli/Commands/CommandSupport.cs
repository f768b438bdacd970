using System.CommandLine;
using System.Diagnostics;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;
using Spectre.Console;
using Table = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary>Options and steps that several commands share.</summary>
internal static class CommandSupport
{
    public static Option<string> Output(string description) => new("--output", "-o") { Description = description, Required = true };

    public static Option<bool> Force() => new("--force") { Description = "Replace the output file if it exists." };

    public static Option<string?> MetadataOption() => new("--metadata") { Description = "Metadata JSON (from 'doppel inspect', edited, or SDV's format). Detected from the data when omitted." };

    /// <summary>Shared by every command that reads data (recursive on the root).</summary>
    public static readonly Option<string?> DateFormat = new("--date-format")
    {
        Description = "Format of dates whose day/month order the values leave open, e.g. dd/MM/yyyy or MM/dd/yyyy (.NET format).",
        Recursive = true,
    };

    /// <summary>Shared by every command that reads data (recursive on the root).</summary>
    public static readonly Option<string?> Culture = new("--culture")
    {
        Description = "Culture of the numbers in the input, e.g. de-DE for decimal commas (default: invariant). Output is always invariant.",
        Recursive = true,
    };

    /// <summary>Shared by every command that reads data (recursive on the root).</summary>
    public static readonly Option<int?> DetectRows = new("--detect-rows")
    {
        Description = $"Rows of a CSV file that column types are detected from (default {ParseOptions.DefaultDetectRows:N0}); every row is then converted, and a later value that breaks a detected type is an error naming its row and column.",
        Recursive = true,
    };

    /// <summary>Shared by every command that reads data (recursive on the root).</summary>
    public static readonly Option<string[]> NullToken = new("--null-token")
    {
        Description = $"A cell text read as missing in numerical, boolean and datetime columns (any case); repeatable, replaces the default list " +
                      $"({string.Join(" ", ParseOptions.DefaultNullTokens)}); --null-token '' reads only blank cells as missing.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public static Option<ulong?> Seed() => new("--seed") { Description = "Random seed; the same model, seed and rows give identical output. Drawn at random (and printed) when omitted." };

    /// <summary>fit's seed: it seeds only the fit's tie-breaking, and is 0 (not drawn) when omitted, so fitting is reproducible.</summary>
    public static Option<ulong?> FitSeed() => new("--seed") { Description = "Seed of the fit's own randomness (tie-breaking in the encoders, auto's split); default 0, so the same data gives the same model. Sampling takes its own --seed." };

    public static Option<string> Synthesizer() => new("--synthesizer")
    {
        Description = $"Model to fit: {string.Join(", ", SynthesizerCatalog.Names)}, or {AutoSelection.Name} (compares them on held-out data and says why); differentially private: {string.Join(", ", SynthesizerCatalog.DifferentiallyPrivate)} (with --epsilon).",
        DefaultValueFactory = _ => GaussianCopulaSynthesizer.SynthesizerName,
    };

    /// <summary>Rejects an unknown synthesizer name before any data is read.</summary>
    public static string CheckSynthesizer(string name, SynthesizerOptions options, DifferentialPrivacyOptions? privacy)
    {
        if (name != AutoSelection.Name) _ = SynthesizerCatalog.Create(name, options, privacy);
        return name;
    }

    /// <summary>The synthesizer to fit: the named one, or for auto the one <see cref="AutoSelection"/> picks (said on stderr).</summary>
    public static ISynthesizer Choose(string name, SynthesizerOptions options, DifferentialPrivacyOptions? privacy, Table table, TableMetadata metadata, ParseResult parse, CliConsole console)
    {
        if (name != AutoSelection.Name) return SynthesizerCatalog.Create(name, options, privacy);
        // Candidates are compared as models of the data; constraints (which may need the fitted state) apply to the chosen one.
        var choice = Phases.Run(parse, console, $"Comparing {string.Join(", ", AutoSelection.Candidates)} ({AutoSelection.Name})",
            step => AutoSelection.Choose(table, metadata with { Constraints = [] }, options, step, Doppel.Evaluation.ML.AutoDetection.Auc));
        if (!IsQuiet(parse)) console.Error.WriteLine($"Synthesizer auto chose {choice.Synthesizer}: {choice.Reason}");
        return SynthesizerCatalog.Create(choice.Synthesizer, options);
    }

    public static Option<int?> Threads()
    {
        var option = new Option<int?>("--threads") { Description = "Worker threads for sampling (default: all cores). Output does not depend on it." };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var threads) result.AddError($"--threads must be at least 1, not {threads}.");
        });
        return option;
    }

    public static Option<bool> NoLearnedRules() => new("--no-learned-rules")
    {
        Description = "Do not look for exact relations in the data (an order such as pickup before dropoff) to keep by construction.",
    };

    public static Option<bool> KeepRare() => new("--keep-rare") { Description = "Reproduce categories seen fewer than 5 times (weaker privacy)." };

    public static Option<bool> RareToken() => new("--rare-token") { Description = "Write draws from the merged rare-category bucket as _RARE_." };

    public static Option<string> PiiLocale() => new("--pii-locale")
    {
        Description = "Locale of generated names, addresses and phone numbers (Bogus's: en, de, fr, es, en_GB, pt_BR, ...). Saved in the model.",
        DefaultValueFactory = _ => "en",
    };

    public static Option<string?> Where() => new("--where")
    {
        Description = "Only rows satisfying this condition, e.g. \"sex = 'Female' and age >= 30\" (docs/expressions.md); the row count stays exact.",
    };

    public static Option<string[]> Constraint(string extra) => new("--constraint")
    {
        Description = "A rule every synthetic row obeys, e.g. \"pickup < dropoff\", \"0 <= age <= 120\", \"total = fare + tip\", \"unique(id)\", " +
                      "\"combination(city, country)\" (docs/constraints.md). Repeatable." + extra,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> DropViolating() => new("--drop-violating")
    {
        Description = "Drop real rows that break a constraint before fitting (default: keep them; their count is reported either way).",
    };

    /// <summary>
    /// Fits under the metadata's and --constraint's constraints, reporting on stderr the real rows that break each one
    /// (and how many were dropped).
    /// </summary>
    public static SynthesisModel FitConstrained(ISynthesizer recipe, Table table, TableMetadata metadata, string[] constraints, bool dropViolating,
        Func<Table, TableMetadata, SynthesisModel> fit, ParseResult parse, CliConsole console)
    {
        var result = Phases.Run(parse, console, $"Fitting {recipe.Name} on {table.RowCount:N0} rows",
            () => Doppel.Constraints.ConstrainedFit.Fit(recipe, table, metadata, new() { Constraints = constraints, DropViolatingRows = dropViolating }, fit));
        if (!IsQuiet(parse))
        {
            foreach (var violation in result.Violations.Where(v => v.Rows > 0))
                console.Error.WriteLine($"Constraint \"{violation.Constraint}\": {violation.Rows:N0} of {table.RowCount:N0} real rows break it" +
                                        (dropViolating ? "." : " (kept; --drop-violating drops them)."));
            if (result.DroppedRows > 0) console.Error.WriteLine($"Dropped {result.DroppedRows:N0} real rows that break a constraint; fitted on {table.RowCount - result.DroppedRows:N0}.");
            foreach (var rule in result.Model.LearnedRules) console.Error.WriteLine($"Rule kept by construction: {rule}.");
            foreach (var column in metadata.Columns.Where(c => c.Type == SemanticType.Categorical && result.Model.Metadata.Find(c.Name)?.Type == SemanticType.Text))
                console.Error.WriteLine($"warning: Column '{column.Name}': no category occurs 5 times, so none may be reproduced; it is generated as fresh values in the shapes of its values (--keep-rare reproduces its categories).");
            if (result.Model.Privacy is null) // differentially private models protect sparse columns by their noise instead
                foreach (var (name, values) in Doppel.Transforms.SparseColumns.Of(table)) console.Error.WriteLine($"warning: {Doppel.Transforms.SparseColumns.Warning(name, values)}");
        }
        return result.Model;
    }

    public static Option<string?> SigningKey(string what) => new("--signing-key")
    {
        Description = $"File holding a secret key ({Provenance.SigningKey.MinBytes} to {Provenance.SigningKey.MaxBytes} bytes; a trailing newline is ignored) that {what} with HMAC-SHA256. Never stored or printed.",
    };

    /// <summary>The key of <c>--signing-key</c>, or null without it.</summary>
    public static Provenance.SigningKey? LoadSigningKey(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } path ? Provenance.SigningKey.Load(path) : null;

    public static Option<bool> MarkSynthetic() => new("--mark-synthetic") { Description = $"Add a column '{MarkSyntheticWriter.ColumnName}' that is true on every row." };

    public static bool IsQuiet(ParseResult parse) => parse.GetValue(CliApp.Quiet);

    /// <summary>What a command writes, for <see cref="CheckOutput"/>.</summary>
    public enum OutputKind
    {
        /// <summary>Synthetic or pseudonymized rows in a table format, with a provenance manifest beside them.</summary>
        Table,
        /// <summary>A model, metadata or a report: any name, no manifest.</summary>
        File,
    }

    /// <summary>Reads the data and its metadata (given or detected), printing warnings unless quiet.</summary>
    public static (Table Table, TableMetadata Metadata) LoadData(string path, string? metadataPath, ParseResult parse, CliConsole console)
    {
        var warnings = new List<string>();
        TableMetadata? metadata = metadataPath is null ? null : MetadataJson.ReadFile(metadataPath).SingleTable;
        var watch = Stopwatch.StartNew();
        var parseOptions = ParseOptionsOf(parse);
        var result = Phases.Run(parse, console, $"Reading {path}", () => TableFiles.Load(path, metadata, warnings, parseOptions));
        if (!IsQuiet(parse))
        {
            foreach (var warning in warnings.Distinct(StringComparer.Ordinal)) console.Error.WriteLine($"warning: {warning}"); // detection and conversion may both notice
            console.Error.WriteLine($"Read {(path == "-" ? "stdin" : path)}: {result.Table.RowCount:N0} rows x {result.Table.Columns.Count} columns in {watch.Elapsed.TotalSeconds:0.00} s.");
        }
        return result;
    }

    /// <summary>--culture, --date-format and --null-token as parse options.</summary>
    public static ParseOptions ParseOptionsOf(ParseResult parse)
    {
        string? culture = parse.GetValue(Culture);
        var options = culture is null or "invariant" ? ParseOptions.Default : ParseOptions.ForCulture(culture);
        options = options with { DateFormat = ValidDateFormat(parse) };
        if (parse.GetValue(DetectRows) is { } rows)
            options = rows >= 1 ? options with { DetectRows = rows } : throw new DoppelException(ErrorKind.Usage, $"--detect-rows must be at least 1 (got {rows}).");
        return parse.GetValue(NullToken) is { Length: > 0 } tokens ? options with { NullTokens = [.. tokens.Where(t => t.Length > 0)] } : options;
    }

    /// <summary>The --date-format value, checked to be a usable .NET date format.</summary>
    private static string? ValidDateFormat(ParseResult parse)
    {
        string? format = parse.GetValue(DateFormat);
        if (format is null) return null;
        bool valid = format.Contains('y') && format.Contains('M') && format.Contains('d');
        try { _ = DateTime.UnixEpoch.ToString(format, System.Globalization.CultureInfo.InvariantCulture); }
        catch (FormatException) { valid = false; }
        if (!valid) throw new DoppelException(ErrorKind.Usage, $"--date-format '{format}' is not a .NET date format with year, month and day (e.g. dd/MM/yyyy).");
        return format;
    }

    /// <summary>The given seed, or a fresh one that is printed so the run can be repeated.</summary>
    public static ulong ResolveSeed(ulong? seed, ParseResult parse, CliConsole console)
    {
        if (seed is { } given) return given;
        ulong drawn = RandomStream.NewSeed();
        if (!IsQuiet(parse)) console.Error.WriteLine($"Seed: {drawn} (pass --seed {drawn} to repeat this run).");
        return drawn;
    }

    public static SynthesizerOptions FitOptions(ParseResult parse, Option<bool> keepRare, Option<bool> rareToken, Option<string> piiLocale, Option<bool> noLearnedRules, ulong seed) =>
        new() { KeepRare = parse.GetValue(keepRare), RareAsToken = parse.GetValue(rareToken), FitSeed = seed, PiiLocale = parse.GetValue(piiLocale)!, LearnRules = !parse.GetValue(noLearnedRules) };

    public static long ValidateRows(long rows)
    {
        if (rows < 0) throw new DoppelException(ErrorKind.Usage, $"--rows must be 0 or more, not {rows}.");
        return rows;
    }

    /// <summary>
    /// Checks an output before any work (reading, fitting, sampling): it is not one of <paramref name="inputs"/> under
    /// another name, its format is known (tables), its folder exists, and without --force neither it nor its manifest
    /// (tables) exists.
    /// </summary>
    public static void CheckOutput(string output, bool force, OutputKind kind, params string?[] inputs)
    {
        if (output == "-") return;
        CheckNotInput(output, inputs);
        if (kind == OutputKind.Table) TableFiles.CheckFormat(output);
        string[] companions = kind == OutputKind.Table && !AtomicFile.IsSpecial(output) ? [Manifest.SidecarPath(output)] : [];
        foreach (string companion in companions) CheckNotInput(companion, inputs);
        foreach (string existing in companions.Prepend(output)) RefuseExisting(existing, force); // in the CLI's words
        AtomicFile.Check(output, force, companions);
    }

    /// <summary>Refuses an existing output without --force, in the CLI's words (the library speaks of its overwrite option).</summary>
    public static void RefuseExisting(string output, bool force)
    {
        if (output != "-" && !AtomicFile.IsSpecial(output) && File.Exists(output) && !force)
            throw new DoppelException(ErrorKind.IO, $"{output} already exists. Pass --force to replace it.");
    }

    /// <summary>Refuses to write over an input file, whatever path names it (a symlinked folder, a hard link, <c>..</c>).</summary>
    public static void CheckNotInput(string output, params string?[] inputs)
    {
        if (output == "-" || AtomicFile.IsSpecial(output)) return; // a device or pipe is written in place, never replaced (a terminal can be stdin and stdout)
        string full = Path.GetFullPath(output);
        foreach (var input in inputs)
            if (input is not null && input != "-" && (string.Equals(Path.GetFullPath(input), full, StringComparison.Ordinal) || FileIdentity.Same(input, output)))
                throw new DoppelException(ErrorKind.Usage, $"The output {output} is the input {input} of this command; Doppel never overwrites its input. Choose another output path.");
    }

    /// <summary>The largest key file read (a key is a few dozen bytes; this refuses /dev/zero and mistaken data files).</summary>
    public const int MaxKeyFileBytes = 1 << 20;

    /// <summary>Reads a small file such as a key whole, refusing one larger than <paramref name="maxBytes"/> instead of reading without end.</summary>
    public static byte[] ReadSmallFile(string path, int maxBytes, string what)
    {
        try
        {
            return SmallFile.ReadAllBytes(path, maxBytes, ErrorKind.Usage, what);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the {what} {path}.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the {what} {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes a table file through <paramref name="write"/> with <paramref name="manifest"/> (completed with the
    /// output's hash and time) beside it; both renamed into place together. A device or pipe gets no manifest.
    /// Returns whether a manifest was written. With <paramref name="signingKey"/> the manifest is signed.
    /// </summary>
    public static bool WriteWithManifest(string output, bool force, Action<Stream> write, Manifest manifest, Provenance.SigningKey? signingKey = null)
    {
        string? sha256 = null;
        long bytes = 0;
        bool special = AtomicFile.IsSpecial(output);
        AtomicFile.Write(output, force, stream =>
        {
            using var hashing = new HashingStream(stream);
            write(hashing);
            hashing.Flush();
            sha256 = hashing.Sha256;
            bytes = hashing.BytesWritten;
        }, special ? null : Manifest.SidecarPath(output), special ? null : stream =>
        {
            var complete = manifest with
            {
                CreatedUtc = DateTime.UtcNow,
                Output = new ManifestOutput(Path.GetFileName(output), TableFiles.FormatOf(output).Name, bytes, sha256!),
            };
            (signingKey is null ? complete : complete.SignedWith(signingKey)).WriteTo(stream);
        });
        return !special;
    }

    /// <summary>
    /// Samples into a file (atomically, with its provenance manifest beside it and, for Parquet, inside it), a device
    /// or pipe (in place, no manifest), or stdout, with a progress bar on an interactive terminal.
    /// </summary>
    /// <remarks>With <paramref name="parts"/> (conditions file, rebalance, fair generation) the rows are theirs, in order; <paramref name="condition"/> is what the manifest records.</remarks>
    public static void SampleTo(string output, bool force, bool markSynthetic, SynthesisModel model, long rows, SampleOptions options, ParseResult parse, CliConsole console,
        IReadOnlyList<ConditionedRows>? parts = null, string? condition = null, Provenance.SigningKey? signingKey = null)
    {
        var watch = Stopwatch.StartNew();
        if (parts is not null) rows = parts.Sum(p => p.Rows);
        string? marker = markSynthetic ? MarkSyntheticWriter.ColumnName : null;
        var metadata = marker is null ? model.Metadata : MarkSyntheticWriter.Extend(model.Metadata);
        var manifest = Manifest.For(model, options.Seed, rows, marker) with { Condition = condition ?? options.Where, Constraints = Manifest.ConstraintsOf(model, options.Constraints) };
        void Run(Stream stream, IProgress<long>? progress)
        {
            ITableWriter writer = TableFiles.OpenWriter(output, stream, metadata);
            if (writer is ParquetTableWriter parquetWriter) parquetWriter.KeyValueMetadata["doppel.manifest"] = manifest.ToJson();
            if (marker is not null) writer = new MarkSyntheticWriter(writer);
            using (writer)
            {
                if (parts is null) model.Sample(rows, options, writer, progress);
                else model.Sample(parts, options, writer, progress);
            }
        }

        bool sidecar = false;
        if (output == "-")
        {
            // A closed pipe (`| head`) or a full disk stops the run as an I/O error, not as success.
            try
            {
                using var stdout = console.OpenStdout();
                Run(stdout, null);
                stdout.Flush();
            }
            catch (IOException e)
            {
                throw new DoppelException(ErrorKind.IO, $"Cannot write to stdout: {e.Message}", e);
            }
        }
        else
            sidecar = WriteWithManifest(output, force, stream => WithProgress(parse, console, $"Sampling {rows:N0} rows", rows, progress => Run(stream, progress)), manifest, signingKey);
        if (!IsQuiet(parse))
            console.Error.WriteLine($"Wrote {rows:N0} rows to {(output == "-" ? "stdout" : output)} in {watch.Elapsed.TotalSeconds:0.00} s" +
                                    (sidecar ? $"; provenance in {Manifest.SidecarPath(output)}." : "."));
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar when stderr is a terminal (a plain line otherwise) and not quiet.</summary>
    public static void WithProgress(ParseResult parse, CliConsole console, string description, long total, Action<IProgress<long>?> work)
    {
        if (IsQuiet(parse) || total < 1_000_000)
        {
            work(null);
            return;
        }
        if (!console.Interactive)
        {
            console.Error.WriteLine($"{description}...");
            work(null);
            return;
        }
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        ansi.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask(description, maxValue: total);
            work(new Progress<long>(done => task.Value = done));
        });
    }
}
