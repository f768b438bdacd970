using System.CommandLine;
using System.Diagnostics;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Streaming;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>fit</c>'s out-of-core options (issue #13): when the input is several files, a folder of parts, larger than
/// <see cref="ThresholdBytes"/>, or <c>--streaming</c>/<c>--batch-rows</c> is given, the data is read in batches:
/// the copula and the independent baseline fit from two passes of mergeable statistics, the other synthesizers on a
/// seeded sample of <c>--sample-rows</c> rows (recorded in the model).
/// </summary>
internal sealed class StreamingOptions
{
    /// <summary>Inputs larger than this stream without being asked to (2 GB of files: about 10 GB of memory in a whole-table fit).</summary>
    public const long ThresholdBytes = 2L << 30;

    public readonly Option<bool> Streaming = new("--streaming") { Description = "Fit out of core: read the data in batches and keep only statistics (automatic for several files, a folder, or more than 2 GB)." };

    public readonly Option<int?> BatchRows = new("--batch-rows") { Description = $"Rows per batch of an out-of-core fit (implies --streaming; default {TableSource.DefaultBatchRows:N0}). Types are detected on the first batch." };

    public readonly Option<int?> SampleRows = new("--sample-rows") { Description = $"Out of core, synthesizers that need rows (sequential-tree, bayesian-network, mst, auto) fit on a seeded uniform sample of this many rows (default {StreamedFit.DefaultSampleRows:N0}); recorded in the model." };

    public IEnumerable<Option> All => [Streaming, BatchRows, SampleRows];

    /// <summary>Whether this fit streams.</summary>
    public bool Applies(ParseResult parse, IReadOnlyList<string> inputs)
    {
        bool asked = parse.GetValue(Streaming) || parse.GetValue(BatchRows) is not null || parse.GetValue(SampleRows) is not null;
        if (inputs.Contains("-"))
        {
            if (asked || inputs.Count > 1) throw new DoppelException(ErrorKind.Usage, "An out-of-core fit reads its input twice: name files or a folder, not stdin (-).");
            return false;
        }
        if (asked || inputs.Count > 1 || inputs.Any(Directory.Exists)) return true;
        return File.Exists(inputs[0]) && new FileInfo(inputs[0]).Length > ThresholdBytes;
    }

    public TableSource Open(ParseResult parse, IReadOnlyList<string> inputs, string? metadataPath, List<string> warnings)
    {
        int batchRows = parse.GetValue(BatchRows) ?? TableSource.DefaultBatchRows;
        if (batchRows < 1) throw new DoppelException(ErrorKind.Usage, $"--batch-rows must be at least 1, not {batchRows}.");
        TableMetadata? metadata = metadataPath is null ? null : MetadataJson.ReadFile(metadataPath).SingleTable;
        return TableSource.Open(inputs, metadata, batchRows, CommandSupport.ParseOptionsOf(parse), warnings);
    }

    /// <summary>The copula (or independent) fitted from statistics, reported on stderr.</summary>
    public SynthesisModel FitFromStatistics(TableSource source, string synthesizer, SynthesizerOptions options, string[] constraints, ParseResult parse, CliConsole console, List<string> warnings)
    {
        if (constraints.Length > 0 || source.Metadata.Constraints.Count > 0)
            throw new DoppelException(ErrorKind.Usage, $"An out-of-core {synthesizer} fit does not take constraints yet; fit in memory, or choose sequential-tree or bayesian-network (fitted on a sample).");
        var watch = Stopwatch.StartNew();
        var model = Phases.Run(parse, console, $"Fitting {synthesizer} out of core on {source.Files.Count} file(s) (two passes)",
            () => StreamedFit.Fit(source, synthesizer, options with { LearnRules = false }));
        if (!CommandSupport.IsQuiet(parse))
        {
            foreach (var warning in warnings.Distinct(StringComparer.Ordinal)) console.Error.WriteLine($"warning: {warning}");
            console.Error.WriteLine($"Read {model.Source.Rows:N0} rows x {source.Metadata.Columns.Count} columns from {source.Files.Count} file(s) twice in {watch.Elapsed.TotalSeconds:0.00} s.");
        }
        return model;
    }

    /// <summary>The seeded row sample that synthesizers needing rows fit on, and its size for the model.</summary>
    public (Data.Table Sample, int Rows) Sample(TableSource source, ulong seed, ParseResult parse, CliConsole console, List<string> warnings)
    {
        int rows = parse.GetValue(SampleRows) ?? StreamedFit.DefaultSampleRows;
        if (rows < ProtectedTails()) throw new DoppelException(ErrorKind.Usage, $"--sample-rows must be at least {ProtectedTails()}, not {rows}.");
        var sample = Phases.Run(parse, console, $"Sampling {rows:N0} rows from {source.Files.Count} file(s)", () => StreamedFit.Sample(source, rows, seed));
        if (!CommandSupport.IsQuiet(parse))
        {
            foreach (var warning in warnings.Distinct(StringComparer.Ordinal)) console.Error.WriteLine($"warning: {warning}");
            console.Error.WriteLine($"Sampled {sample.RowCount:N0} rows (seed {seed}) from {source.Files.Count} file(s).");
        }
        return (sample, rows);
    }

    private static int ProtectedTails() => 20;
}
