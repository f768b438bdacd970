using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Provenance;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel pseudonymize INPUT -o OUTPUT --key-file KEY</c>: the real rows with every PII value replaced by a fake one
/// derived from a keyed HMAC, consistent across tables and runs with the same key (docs/pii.md). The key is read
/// from a file or an environment variable, never from the command line, and never stored.
/// </summary>
internal static class PseudonymizeCommand
{
    /// <summary>The manifest's <see cref="Manifest.Mode"/> for pseudonymized data.</summary>
    public const string Mode = "pseudonymized";

    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet file of real rows." };
        var output = CommandSupport.Output("Where to write the pseudonymized rows (.csv or .parquet).");
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the secret key (at least 16 bytes; a trailing newline is ignored). Never stored." };
        var keyEnv = new Option<string?>("--key-env") { Description = "Name of an environment variable holding the secret key (at least 16 bytes). Never stored." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to replace (default: the columns detected or marked as PII)." };
        var metadata = CommandSupport.MetadataOption();
        var locale = CommandSupport.PiiLocale();
        locale.Description = "Locale of the fake names, addresses and phone numbers (part of the mapping: keep it the same across runs).";
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var signingKey = CommandSupport.SigningKey("signs the output's manifest");
        var command = new Command("pseudonymize",
            "Keep the real rows but replace their PII with consistent fake values (the same value gets the same fake with the same key), for test databases.")
            { input, output, keyFile, keyEnv, columns, metadata, locale, threads, force, signingKey };
        command.SetAction(parse =>
        {
            var watch = Stopwatch.StartNew();
            string inputPath = parse.GetValue(input)!, outputPath = parse.GetValue(output)!;
            bool overwrite = parse.GetValue(force);
            if (outputPath == "-") throw new DoppelException(ErrorKind.Usage, "pseudonymize writes a file (with its manifest beside it); give a path with -o.");
            if (inputPath == "-") throw new DoppelException(ErrorKind.Usage, "pseudonymize reads a file, not stdin: the manifest records the input file's SHA-256.");
            CommandSupport.CheckOutput(outputPath, overwrite, CommandSupport.OutputKind.Table, inputPath, parse.GetValue(metadata), parse.GetValue(keyFile));
            var named = parse.GetValue(columns) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            // Checked before the key and the data are read.
            var options = new PseudonymizeOptions { Locale = PiiLocales.Validate(parse.GetValue(locale)), Columns = named, MaxDegreeOfParallelism = parse.GetValue(threads) };
            if (options.MaxDegreeOfParallelism is < 1) throw new DoppelException(ErrorKind.Usage, $"--threads must be at least 1, not {options.MaxDegreeOfParallelism}.");
            using var signing = CommandSupport.LoadSigningKey(parse, signingKey);
            byte[] key = ReadKey(parse.GetValue(keyFile), parse.GetValue(keyEnv));
            try
            {
                Pseudonymizer.CheckKey(key);
                var warnings = new List<string>();
                var raw = TableFiles.ReadRaw(inputPath, warnings);
                if (raw.RowCount == 0) throw new DoppelException(ErrorKind.Data, $"{inputPath} has a header but no data rows; there is nothing to pseudonymize.");
                var parseOptions = CommandSupport.ParseOptionsOf(parse);
                var meta = parse.GetValue(metadata) is { } metadataPath
                    ? Matching(MetadataJson.ReadFile(metadataPath).SingleTable, raw, metadataPath)
                    : MetadataDetector.Detect(raw, TableFiles.NameOf(inputPath), warnings, parseOptions);
                var result = Pseudonymizer.Run(raw, meta, key, options);
                Write(outputPath, overwrite, inputPath, raw, result, meta, options.Locale, parseOptions, signing);
                if (!CommandSupport.IsQuiet(parse))
                {
                    foreach (var warning in warnings) console.Error.WriteLine($"warning: {warning}");
                    foreach (var c in result.Columns)
                    {
                        string kind = new ColumnMetadata(c.Name, SemanticType.Pii) { Pii = c.Kind }.TypeName;
                        console.Error.WriteLine($"  {c.Name,-28} {kind}: {c.DistinctValues:N0} distinct values replaced" +
                                                (c.Rederived > 0 ? $", {c.Rederived:N0} re-derived after a collision" : "") +
                                                (c.SharedFakes > 0 ? $", {c.SharedFakes:N0} share a fake with another value" : ""));
                        if (c.SharedFakes > 0)
                            console.Error.WriteLine($"warning: column '{c.Name}': {c.SharedFakes:N0} values share their fake with another value ({kind} has too few distinct fakes); a join on this column can match different people.");
                    }
                    console.Error.WriteLine($"Wrote {raw.RowCount:N0} rows to {outputPath} in {watch.Elapsed.TotalSeconds:0.00} s; provenance in {Manifest.SidecarPath(outputPath)}.");
                }
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Given metadata must describe exactly the input's columns (as for fit and generate).</summary>
    private static TableMetadata Matching(TableMetadata meta, RawTable raw, string path)
    {
        var missing = meta.Columns.Select(c => c.Name).Where(n => !raw.Names.Contains(n)).ToList();
        var extra = raw.Names.Where(n => meta.Find(n) is null).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata {path} does not describe the input's columns" +
                (missing.Count > 0 ? $"; not in the data: {string.Join(", ", missing.Select(n => $"'{n}'"))}" : "") +
                (extra.Count > 0 ? $"; not in the metadata: {string.Join(", ", extra.Select(n => $"'{n}'"))}" : "") + ".");
        return meta;
    }

    /// <summary>The key's bytes from exactly one of a file (trailing CR/LF dropped) or an environment variable (UTF-8).</summary>
    internal static byte[] ReadKey(string? file, string? variable)
    {
        if (file is null == variable is null)
            throw new DoppelException(ErrorKind.Usage,
                "Give the secret key with exactly one of --key-file FILE or --key-env VARIABLE (never on the command line, where it lands in the shell history).");
        if (variable is not null)
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            if (value is null) throw new DoppelException(ErrorKind.Usage, $"The environment variable {variable} (--key-env) is not set.");
            return Encoding.UTF8.GetBytes(value);
        }
        byte[] bytes = CommandSupport.ReadSmallFile(file!, CommandSupport.MaxKeyFileBytes, "key file");
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r') length--;
        if (length == bytes.Length) return bytes;
        var trimmed = bytes[..length];
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        return trimmed;
    }

    /// <summary>
    /// Writes the rows atomically with a manifest beside them (and inside Parquet), signed with <paramref name="signingKey"/> when given. CSV keeps every value as read; Parquet
    /// stores the columns with the metadata's types (the replaced ones as strings).
    /// </summary>
    private static void Write(string path, bool overwrite, string inputPath, RawTable raw, PseudonymizeResult result, TableMetadata meta,
        string locale, ParseOptions parseOptions, SigningKey? signingKey)
    {
        var replaced = result.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        bool parquet = TableFiles.IsParquet(path);
        TableMetadata layout;
        Table table;
        if (parquet)
        {
            layout = new TableMetadata(meta.Name, [.. raw.Names.Select(n => replaced.Contains(n)
                ? new ColumnMetadata(n, SemanticType.Pii) { Pii = result.Columns.First(c => c.Name == n).Kind }
                : meta.Find(n) ?? new ColumnMetadata(n, SemanticType.Text))]);
            table = TableConverter.Convert(result.Table, layout, null, parseOptions);
        }
        else
        {
            // Text throughout: every value is written exactly as it was read (quoted only where CSV needs it).
            layout = new TableMetadata(meta.Name, [.. raw.Names.Select(n => new ColumnMetadata(n, SemanticType.Text))]);
            table = new Table([.. raw.Names.Select((n, i) => (Column)new StringColumn(n, result.Table.Columns[i]))]);
        }
        var manifest = new Manifest
        {
            Engine = Manifest.EngineVersion,
            Synthesizer = "none",
            Options = new SynthesizerOptions { PiiLocale = locale },
            Seed = 0,
            Rows = raw.RowCount,
            Source = new SourceFingerprint(Fingerprint.OfFile(inputPath), Fingerprint.Of(meta), raw.RowCount),
            Mode = Mode,
            PseudonymizedColumns = [.. result.Columns.Select(c => c.Name)],
        };
        CommandSupport.WriteWithManifest(path, overwrite, stream =>
        {
            using var writer = TableFiles.OpenWriter(path, stream, layout);
            if (writer is ParquetTableWriter parquetWriter) parquetWriter.KeyValueMetadata["doppel.manifest"] = manifest.ToJson();
            writer.Write(writer.Encode(table));
            writer.Complete();
        }, manifest, signingKey);
    }
}
