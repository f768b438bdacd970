using System.Diagnostics;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Streaming;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// Out-of-core fit (issue #13, kind <c>ooc</c>): Adult-shaped CSV files of ROWS rows, made once by sampling a copula
/// fitted on Adult (what <c>doppel sample</c> writes), fitted out of core in a fresh child: the copula from two passes
/// of statistics, the other synthesizers on a seeded sample of <see cref="StreamedFit.DefaultSampleRows"/> rows.
/// Reported: fit time (reading included: the out-of-core fit is its reading) and the child's peak RSS. The
/// synthesizer <c>accuracy</c> fits the copula on the 1M file both in memory and out of core and reports both
/// accuracies (synthetic 200,000 rows against the real file), the floor being a difference of at most 0.002.
/// </summary>
internal static class OocMeasurement
{
    public const string AccuracyCase = "accuracy";

    /// <summary>Rows of the files fitted; DOPPEL_BENCH_OOC_ROWS (e.g. "10000000") measures other sizes, so each run stays short.</summary>
    public static readonly long[] Sizes = Environment.GetEnvironmentVariable("DOPPEL_BENCH_OOC_ROWS") is { Length: > 0 } sizes
        ? [.. sizes.Split(',').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]
        : [1_000_000, 10_000_000];

    /// <summary>The synthesizers fitted; DOPPEL_BENCH_OOC_SYNTHESIZERS (comma-separated) measures some of them.</summary>
    public static readonly string[] Synthesizers = Environment.GetEnvironmentVariable("DOPPEL_BENCH_OOC_SYNTHESIZERS") is { Length: > 0 } names
        ? names.Split(',')
        : [GaussianCopulaSynthesizer.SynthesizerName, "bayesian-network", "mst:1:public", "sequential-tree"];

    /// <summary>The Adult-shaped file of <paramref name="rows"/> rows (made when missing, outside any measurement).</summary>
    public static string File(Dataset adult, long rows)
    {
        string folder = Path.Combine(Path.GetTempPath(), "doppel-ooc");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"adult-{rows}.csv");
        if (System.IO.File.Exists(path)) return path;
        var (train, metadata) = TableFiles.Load(adult.TrainFile);
        var model = new GaussianCopulaSynthesizer().Fit(train, metadata);
        string temp = path + ".tmp";
        using (var stream = System.IO.File.Create(temp))
        using (var writer = TableFiles.OpenWriter(path, stream, model.Metadata))
        {
            model.Sample(rows, new SampleOptions { Seed = 13 }, writer);
        }
        System.IO.File.Move(temp, path, overwrite: true);
        return path;
    }

    public static Dictionary<string, object> Run(string file, string synthesizer, long rows)
    {
        var result = new Dictionary<string, object>
        {
            ["kind"] = "ooc", ["dataset"] = "adult-shaped", ["synthesizer"] = synthesizer, ["rows"] = rows,
            ["fileBytes"] = new FileInfo(file).Length,
        };
        if (synthesizer == AccuracyCase) return Accuracy(file, result);
        var watch = Stopwatch.StartNew();
        var source = TableSource.Open([file]);
        if (StreamedFit.FitsFromStatistics(synthesizer)) _ = StreamedFit.Fit(source, synthesizer);
        else
        {
            var sample = StreamedFit.Sample(source, StreamedFit.DefaultSampleRows, 0);
            var metadata = source.Metadata;
            var recipe = DpMeasurement.Recipe(synthesizer, sample, ref metadata) ?? SynthesizerCatalog.Create(synthesizer);
            _ = recipe.Fit(sample, metadata);
            result["sampleRows"] = sample.RowCount;
        }
        result["seconds"] = new List<double> { watch.Elapsed.TotalSeconds };
        return result;
    }

    private static Dictionary<string, object> Accuracy(string file, Dictionary<string, object> result)
    {
        var (real, metadata) = TableFiles.Load(file);
        var options = new SynthesizerOptions { LearnRules = false };
        var watch = Stopwatch.StartNew();
        var inMemory = new GaussianCopulaSynthesizer(options).Fit(real, metadata);
        result["inMemoryFitSeconds"] = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var streamed = StreamedFit.Fit(TableSource.Open([file], metadata), GaussianCopulaSynthesizer.SynthesizerName, options);
        result["seconds"] = new List<double> { watch.Elapsed.TotalSeconds };
        const int synthetic = 200_000;
        result["inMemoryAccuracy"] = Evaluation.Accuracy.Compute(real, inMemory.Sample(synthetic, new SampleOptions { Seed = 1 }), metadata).Overall;
        result["streamedAccuracy"] = Evaluation.Accuracy.Compute(real, streamed.Sample(synthetic, new SampleOptions { Seed = 1 }), metadata).Overall;
        return result;
    }
}
