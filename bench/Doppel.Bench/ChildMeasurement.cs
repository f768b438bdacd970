using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Doppel.Evaluation;
using Doppel.Evaluation.ML;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// One measurement in a fresh process: <c>child KIND DATASET_NAME TRAIN HOLDOUT|- SYNTHESIZER ROWS RUNS</c>.
/// Kinds: <c>fit</c> (Synthesizer.Fit on the in-memory table), <c>memory</c> (sample ROWS into in-memory batches),
/// <c>csv</c> (sample ROWS into a CSV file), <c>fidelity</c> (accuracy against the training data, and the
/// holdout ceiling), <c>dp</c> (issue #5: see <see cref="DpMeasurement"/>). Prints one JSON line on stdout.
/// </summary>
internal static class ChildMeasurement
{
    // A score can be NaN (e.g. bivariate accuracy of a one-column table); JSON has no NaN without this.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static int Run(string[] args)
    {
        string kind = args[0];
        var dataset = new Dataset(args[1], args[2], args[3] == "-" ? null : args[3]);
        string synthesizer = args[4];
        long rows = long.Parse(args[5], CultureInfo.InvariantCulture);
        int runs = int.Parse(args[6], CultureInfo.InvariantCulture);

        if (kind is "dp" or "membership")
        {
            // Issue #5: SYNTHESIZER is mst:EPSILON:public|private (see DpMeasurement).
            var dp = new Dictionary<string, object> { ["kind"] = kind, ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows };
            if (kind == "dp") DpMeasurement.Run(dataset, synthesizer, runs, dp);
            else MembershipMeasurement.Run(dataset, synthesizer, runs, dp);
            dp["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(dp, Json));
            return 0;
        }
        if (kind is "wide" or "order")
        {
            var measured = kind == "wide" ? WideMeasurement.Run(synthesizer, rows, runs) : OrderMeasurement.Run(dataset, synthesizer);
            measured["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(measured, Json));
            return 0;
        }
        if (kind == "ooc")
        {
            var ooc = OocMeasurement.Run(dataset.TrainFile, synthesizer, rows);
            ooc["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(ooc, Json));
            return 0;
        }
        if (kind is "cluster" or "cluster100m")
        {
            var cluster = ClusterMeasurement.Run(dataset, synthesizer, rows, runs);
            cluster["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(cluster, Json));
            return 0;
        }
        if (kind is "read" or "fitscale")
        {
            var read = kind == "read" ? ReadMeasurement.Run(dataset, synthesizer, rows, runs) : FitScaleMeasurement.Run(dataset, synthesizer, rows, runs);
            read["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(read, Json));
            return 0;
        }
        if (kind == "relational")
        {
            var relational = RelationalMeasurement.Run(dataset, synthesizer, runs);
            relational["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(relational, Json));
            return 0;
        }
        if (kind == "sequences")
        {
            // TRAIN is the datasets folder: a case reads several files of its dataset.
            var sequences = SequenceMeasurement.Run(dataset.TrainFile, dataset.Name, synthesizer, runs);
            sequences["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(sequences, Json));
            return 0;
        }
        if (kind == "schema")
        {
            var schema = new Dictionary<string, object> { ["kind"] = kind, ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows };
            SchemaMeasurement.Run(dataset, synthesizer, rows, runs, schema);
            schema["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(schema, Json));
            return 0;
        }
        if (kind == "constraints")
        {
            var constrained = ConstraintMeasurement.Run(dataset, synthesizer, rows, runs);
            constrained["peakRssBytes"] = PeakResidentBytes();
            Console.WriteLine(JsonSerializer.Serialize(constrained, Json));
            return 0;
        }
        var load = Stopwatch.StartNew();
        var (train, holdout, metadata) = dataset.Load();
        double loadSeconds = load.Elapsed.TotalSeconds;
        // A differentially private spec (mst:EPSILON:public|private[:TARGET]) fits MST, on the public domain if asked.
        var recipe = DpMeasurement.Recipe(synthesizer, train, ref metadata) ?? SynthesizerCatalog.Create(synthesizer);
        var result = new Dictionary<string, object>
        {
            ["kind"] = kind, ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows,
            ["trainRows"] = train.RowCount, ["columns"] = train.Columns.Count, ["loadSeconds"] = loadSeconds,
        };
        if (kind == "fidelity")
        {
            var model = recipe.Fit(train, metadata);
            var synthetic = model.Sample(train.RowCount, new SampleOptions { Seed = 1 });
            var score = Accuracy.Compute(train, synthetic, metadata);
            var ceiling = Accuracy.Compute(train, holdout, metadata);
            result["accuracy"] = score.Overall;
            result["univariate"] = score.Univariate;
            result["bivariate"] = score.Bivariate;
            result["ceiling"] = ceiling.Overall;
            var quality = QualityReport.Compute(train, synthetic, metadata, QualityVariant.SdMetrics); // the column is named after SDMetrics
            result["quality"] = quality.Overall;
            result["qualityAllPairs"] = quality.OverallAllPairs;
            var privacy = PrivacyRisk.Compute(train, holdout, synthetic, metadata);
            result["dcrShare"] = privacy.DcrShare;
            result["ims"] = privacy.IdenticalMatchShare;
            result["imsHoldout"] = privacy.HoldoutIdenticalMatchShare;
            var detection = Detection.Compute(train, synthetic, metadata);
            result["detectionAuc"] = detection.Auc;
            // Issue #15's instrument: what gives the rows away (AUC lost when a column is shuffled).
            result["detectionFeatures"] = detection.Features.Take(GiveawayCount)
                .Select(f => new Dictionary<string, object> { ["column"] = f.Column, ["importance"] = Math.Round(f.Importance, 4) }).ToList();
        }
        else if (kind is "evaluate" or "evaluate-ml")
        {
            // The whole report (JSON and HTML) as `doppel evaluate` builds it, on a synthetic set of the training size.
            var synthetic = recipe.Fit(train, metadata).Sample(train.RowCount, new SampleOptions { Seed = 1 });
            var request = new EvaluationRequest(train, synthetic, holdout, metadata)
            {
                MachineLearning = kind == "evaluate-ml",
                Target = kind == "evaluate-ml" ? Target(dataset.Name) : null,
                Sensitive = kind == "evaluate-ml" ? Sensitive(dataset.Name) : [],
            };
            Action once = () =>
            {
                var report = Evaluator.Run(request);
                _ = report.ToJsonString();
                _ = Doppel.Evaluation.Reporting.ReportHtml.Render(report.Json);
            };
            result["seconds"] = Timing.Runs(once, runs);
        }
        else if (IssueSixMeasurements.Handles(kind)) IssueSixMeasurements.Measure(kind, train, metadata, recipe, rows, runs, result);
        else
        {
            var model = recipe.Fit(train, metadata);
            string csvPath = Path.Combine(Path.GetTempPath(), $"doppel-bench-{Environment.ProcessId}.csv");
            Action once = kind switch
            {
                "fit" => () => recipe.Fit(train, metadata),
                "memory" => () => { using var memory = new DiscardingWriter(); model.Sample(rows, new SampleOptions { Seed = 1 }, memory); },
                // Issue #6: the same rows under a condition about 1% of real Adult rows meet (race = 'Other': 0.8%).
                "conditional" => () => { using var memory = new DiscardingWriter(); model.Sample(rows, new SampleOptions { Seed = 1, Where = RareCondition }, memory); },
                "csv" => () =>
                {
                    using var file = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
                    using var writer = new CsvTableWriter(file, metadata);
                    model.Sample(rows, new SampleOptions { Seed = 1 }, writer);
                },
                _ => throw new ArgumentException($"Unknown measurement {kind}."),
            };
            try
            {
                result["seconds"] = Timing.Runs(once, runs);
            }
            finally
            {
                File.Delete(csvPath);
            }
        }
        result["peakRssBytes"] = PeakResidentBytes();
        Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>Top detection features a fidelity measurement records.</summary>
    public const int GiveawayCount = 5;

    /// <summary>The condition of issue #6's floor on Adult.</summary>
    public const string RareCondition = "race = 'Other'";

    /// <summary>The prediction target of each dataset (GUIDE section 5).</summary>
    private static string? Target(string dataset) => dataset switch
    {
        "adult" => "income", "credit_default" => "default payment next month", "california_housing" => "median_house_value",
        "diamonds" => "price", "nyc_taxis" => "payment", "seattle_weather" => "weather", _ => null,
    };

    private static string[] Sensitive(string dataset) => dataset switch
    {
        "adult" => ["sex", "race"], "credit_default" => ["SEX"], _ => [],
    };

    /// <summary>VmHWM of this process, from /proc/self/status.</summary>
    internal static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return -1;
    }

    /// <summary>"Sample into memory": batches are produced and then dropped, so memory stays bounded for any row count.</summary>
    private sealed class DiscardingWriter : ITableWriter
    {
        public object Encode(Doppel.Data.Table batch) => batch;
        public void Write(object encoded) { }
        public void Complete() { }
        public void Dispose() { }
    }
}
