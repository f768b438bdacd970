using Doppel.Data;
using Doppel.Evaluation.Sequences;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Bench;

/// <summary>
/// Issue #12's floors: a sequence database fitted and sampled (fit + sample timed per the protocol), scored with
/// <see cref="SequenceReport"/>, and the real entities continued with <c>Extend</c>. Cases: <c>baseball</c> (players ←
/// seasons, MOSTLY AI's published train/holdout split; variant <c>mostly</c> scores MOSTLY AI's own synthetic output
/// the same way), <c>beijing_air_quality</c> (12 stations' hourly readings, one sequence per station).
/// </summary>
internal static class SequenceMeasurement
{
    public static readonly (string Dataset, string Variant)[] Cases =
        [("baseball", "doppel"), ("baseball", "mostly"), ("beijing_air_quality", "doppel")];

    /// <summary>Lags whose autocorrelation the floors name: a step and a day (beijing is hourly).</summary>
    private static readonly int[] Lags = [1, 24];

    public static Dictionary<string, object> Run(string datasetsFolder, string dataset, string variant, int runs)
    {
        var result = new Dictionary<string, object> { ["kind"] = "sequences", ["dataset"] = dataset, ["synthesizer"] = variant, ["rows"] = 0L };
        var (real, holdout, table) = Load(datasetsFolder, dataset, "training");
        result["trainRows"] = real[table].RowCount;
        Database synthetic;
        if (variant == "mostly")
        {
            synthetic = Read(Folder(datasetsFolder, dataset, "synthetic"), real.Metadata);
        }
        else
        {
            DatabaseModel model = null!;
            Database sample = null!;
            var fitAndSample = Timing.Runs(() =>
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                model = DatabaseSynthesizer.Fit(real);
                result["lastFitSeconds"] = watch.Elapsed.TotalSeconds;
                sample = model.Sample(new DatabaseSampleOptions { Seed = 1 });
            }, runs);
            result["fitSampleSeconds"] = fitAndSample;
            synthetic = sample;
            var extended = model.Extend(real, 3, new DatabaseSampleOptions { Seed = 2 });
            result["extendContinued"] = Continued(real, extended, table);
        }
        result["syntheticRows"] = synthetic[table].RowCount;
        var quality = SequenceReport.Compute(real, synthetic, holdout, new SequenceEvaluationOptions { Lags = Lags }).Single(q => q.Table == table);
        result["accuracy"] = quality.Accuracy.Overall;
        result["univariate"] = quality.Accuracy.Univariate;
        result["bivariate"] = quality.Accuracy.Bivariate;
        result["trivariate"] = quality.Accuracy.Trivariate;
        result["coherence"] = quality.Accuracy.Coherence;
        if (quality.AccuracyCeiling is { } ceiling)
        {
            result["ceiling"] = ceiling.Overall;
            result["ceilingCoherence"] = ceiling.Coherence;
        }
        result["lengthSimilarity"] = quality.LengthSimilarity;
        result["statistics"] = quality.Statistics.Select(s => new Dictionary<string, object> { ["column"] = s.Column, ["statistic"] = s.Statistic, ["score"] = s.Score }).ToList();
        result["interRow"] = quality.InterRow.Select(s => new Dictionary<string, object> { ["column"] = s.Column, ["score"] = s.Score }).ToList();
        result["autocorrelation"] = quality.Autocorrelation.Where(a => double.IsFinite(a.Real) && double.IsFinite(a.Synthetic))
            .Select(a => new Dictionary<string, object> { ["column"] = a.Column, ["lag"] = a.Lag, ["real"] = a.Real, ["synthetic"] = a.Synthetic }).ToList();
        result["orderHolds"] = quality.OrderHolds;
        if (quality.EntityDcrShare is { } dcr) result["entityDcrShare"] = dcr;
        if (dataset == "beijing_air_quality")
        {
            result["hourOfDayTempDeviation"] = HourOfDayDeviation(real[table], synthetic[table], "TEMP");
            // 12 stations give a KS statistic 12 values; their days (windows of 24 hours) give it thousands.
            var days = SequenceReport.Compute(real, synthetic, null, new SequenceEvaluationOptions { Lags = Lags, Window = 24 }).Single(q => q.Table == table);
            result["dayAccuracy"] = days.Accuracy.Overall;
            result["dayStatistics"] = days.Statistics.Select(s => new Dictionary<string, object> { ["column"] = s.Column, ["statistic"] = s.Statistic, ["score"] = s.Score }).ToList();
            result["dayInterRow"] = days.InterRow.Select(s => new Dictionary<string, object> { ["column"] = s.Column, ["score"] = s.Score }).ToList();
        }
        return result;
    }

    /// <summary>The training database (and the holdout, where the dataset has one) with the sequence table declared.</summary>
    private static (Database Real, Database? Holdout, string Table) Load(string datasetsFolder, string dataset, string part)
    {
        if (dataset == "beijing_air_quality")
        {
            string file = Path.Combine(datasetsFolder, dataset, "beijing_air_quality.csv");
            using var single = FolderDatabase.Open(file);
            var metadata = SequenceDeclaration.Apply(single.ReadMetadata(), ["beijing_air_quality(station):No@1"]);
            return (Database.Read(single, metadata), null, "beijing_air_quality");
        }
        using var source = FolderDatabase.Open(Folder(datasetsFolder, dataset, part));
        var declared = SequenceDeclaration.Apply(source.ReadMetadata(), ["seasons:year"]);
        var real = Database.Read(source, declared);
        return (real, Read(Folder(datasetsFolder, dataset, "holdout"), declared), "seasons");
    }

    private static Database Read(string folder, DatasetMetadata metadata)
    {
        using var source = FolderDatabase.Open(folder);
        return Database.Read(source, metadata);
    }

    /// <summary>
    /// The baseball split as a database folder (players.csv, seasons.csv) in the temp folder: the dataset ships
    /// MOSTLY AI's QA layout, a context and a target file per split.
    /// </summary>
    private static string Folder(string datasetsFolder, string dataset, string part)
    {
        string root = Path.Combine(datasetsFolder, dataset, "baseball-seasons");
        string context = part == "synthetic" ? Path.Combine(datasetsFolder, dataset, "mostly_synthetic", "baseball-seasons", "synthetic-context.csv") : Path.Combine(root, $"{part}-context.csv");
        string target = part == "synthetic" ? Path.Combine(datasetsFolder, dataset, "mostly_synthetic", "baseball-seasons", "synthetic-target.csv") : Path.Combine(root, $"{part}-target.csv");
        string folder = Path.Combine(Path.GetTempPath(), "doppel-bench-baseball", part);
        Directory.CreateDirectory(folder);
        File.Copy(context, Path.Combine(folder, "players.csv"), overwrite: true);
        File.Copy(target, Path.Combine(folder, "seasons.csv"), overwrite: true);
        return folder;
    }

    /// <summary>The share of real entities with steps that the continuation gave new steps.</summary>
    private static double Continued(Database real, Database extended, string table)
    {
        var metadata = real.Metadata.FindTable(table)!;
        var entity = SequenceFrame.ContextOf(real.Metadata, metadata)?.ChildColumns ?? metadata.Sequence!.Entity;
        var before = SequenceEntities.KeysOf(real[table], entity).Distinct().ToHashSet();
        var after = SequenceEntities.KeysOf(extended[table], entity).ToHashSet();
        return before.Count(after.Contains) / (double)before.Count;
    }

    /// <summary>The largest |synthetic − real| / |real| over the hours of day of <paramref name="column"/>'s mean.</summary>
    private static double HourOfDayDeviation(Table real, Table synthetic, string column)
    {
        double[] Means(Table t)
        {
            var hour = StepColumns.Numbers(t["hour"]);
            var value = StepColumns.Numbers(t[column]);
            var sum = new double[24];
            var count = new int[24];
            for (int i = 0; i < hour.Length; i++)
                if (!double.IsNaN(hour[i]) && !double.IsNaN(value[i]) && hour[i] is >= 0 and < 24) { sum[(int)hour[i]] += value[i]; count[(int)hour[i]]++; }
            return [.. sum.Select((s, h) => count[h] == 0 ? double.NaN : s / count[h])];
        }
        var r = Means(real);
        var s = Means(synthetic);
        return Enumerable.Range(0, 24).Max(h => Math.Abs(s[h] - r[h]) / Math.Abs(r[h]));
    }
}
