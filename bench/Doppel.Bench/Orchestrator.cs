using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>Runs every measurement in its own child process and writes the report.</summary>
internal static class Orchestrator
{
    private const long ThroughputRows = 1_000_000;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(BenchOptions options)
    {
        if (options.FromJson is { } previous)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(previous));
            var measured = document.RootElement.EnumerateArray().Select(e => new Measurement(e.Clone())).ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
            File.WriteAllText(options.Output, Report.Render(measured, options, File.GetLastWriteTimeUtc(previous)));
            Console.Error.WriteLine($"Re-rendered {options.Output} from {previous}.");
            return 0;
        }
        var datasets = Dataset.All(options.DatasetsFolder)
            .Where(d => options.Only is null || options.Only.Contains(d.Name)).ToList();
        var missing = datasets.Where(d => !File.Exists(d.TrainFile)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"Missing dataset files: {string.Join(", ", missing.Select(d => d.TrainFile))}. Pass --datasets DIR.");
            return 3;
        }
        var results = new List<Measurement>();
        Measurement Child(string kind, Dataset dataset, string synthesizer, long rows, int runs) =>
            options.Kinds is null || options.Kinds.Contains(kind) ? Orchestrator.Child(kind, dataset, synthesizer, rows, runs) : Skipped;
        foreach (var dataset in datasets)
        {
            foreach (var synthesizer in SynthesizerCatalog.Names)
            {
                results.Add(Child("fidelity", dataset, synthesizer, 0, 1));
                results.Add(Child("fit", dataset, synthesizer, 0, options.Runs));
                results.Add(Child("memory", dataset, synthesizer, ThroughputRows, options.Runs));
                results.Add(Child("csv", dataset, synthesizer, ThroughputRows, options.Runs));
            }
            // Issue #6: every declared constraint holds in every row, on every synthesizer, and what it costs.
            if (dataset.Name is "adult" or "nyc_taxis")
                foreach (var synthesizer in SynthesizerCatalog.AllNames)
                    results.Add(Child("constraints", dataset, synthesizer, 100_000, options.Runs));
            // Issues #10 and #15: a learned order keeps every trip forward; a declared one keeps the durations.
            if (dataset.Name == "nyc_taxis")
                foreach (var synthesizer in SynthesizerCatalog.Names)
                    results.Add(Child("order", dataset, synthesizer, 0, 1));
            if (dataset.Name == "adult")
            {
                // Flat memory: 10 million rows to CSV must peak no higher than 100,000 rows.
                results.Add(Child("csv", dataset, GaussianCopulaSynthesizer.SynthesizerName, 100_000, options.Runs));
                results.Add(Child("csv", dataset, GaussianCopulaSynthesizer.SynthesizerName, 10_000_000, options.Runs));
                // Issue #6: 100,000 rows under a ~1% condition against 100,000 unconditional rows, per synthesizer.
                foreach (var synthesizer in SynthesizerCatalog.Names)
                {
                    results.Add(Child("memory", dataset, synthesizer, 100_000, options.Runs));
                    results.Add(Child("conditional", dataset, synthesizer, 100_000, options.Runs));
                    results.Add(Child("rebalance", dataset, synthesizer, 100_000, options.Runs));
                    results.Add(Child("fair", dataset, synthesizer, 0, 1));
                }
                // MST too: its network samples conditions, rebalances and fair generation the same way.
                results.Add(Child("memory", dataset, DpReport.Configurations[0], 100_000, options.Runs));
                results.Add(Child("conditional", dataset, DpReport.Configurations[0], 100_000, options.Runs));
                results.Add(Child("rebalance", dataset, DpReport.Configurations[0], 100_000, options.Runs));
                results.Add(Child("fair", dataset, DpReport.Configurations[0], 0, 1));
                // Issue #5's floors: MST at each privacy setting (fit time and fidelity per fit).
                foreach (var configuration in DpReport.Configurations)
                    results.Add(Child("dp", dataset, configuration, 0, options.Runs));
                foreach (var configuration in MembershipReport.Configurations) results.Add(Child("membership", dataset, configuration, 0, 1));
                // Issue #14's floors: schema-only generation (see SchemaMeasurement).
                results.Add(Child("schema", dataset, "numeric10", 2_000_000, options.Runs));
                results.Add(Child("schema", dataset, "fakers", 1_000_000, options.Runs));
                results.Add(Child("schema", dataset, "northwind", 0, 1));
                // The PostgreSQL floor needs a cluster (source .ci/postgres; doppel_pg_start; see docs/benchmarks.md).
                if (Environment.GetEnvironmentVariable("DOPPEL_BENCH_PG") is not null) results.Add(Child("schema", dataset, "northwind-postgres", 0, 1));
                results.Add(Child("schema", dataset, "adult", 0, 1));
                // Issue #3's floors: the whole report on Adult, without and with the LightGBM parts.
                results.Add(Child("evaluate", dataset, GaussianCopulaSynthesizer.SynthesizerName, 0, options.Runs));
                results.Add(Child("evaluate-ml", dataset, GaussianCopulaSynthesizer.SynthesizerName, 0, options.Runs));
                // Issue #13: out-of-core fits of Adult-shaped files (made once, outside the measurements).
                if (options.Kinds is null || options.Kinds.Contains("ooc"))
                    foreach (long size in OocMeasurement.Sizes)
                    {
                        var file = new Dataset("adult-shaped", OocMeasurement.File(dataset, size), null);
                        foreach (var synthesizer in OocMeasurement.Synthesizers) results.Add(Child("ooc", file, synthesizer, size, 1));
                        if (size == 1_000_000 && OocMeasurement.Synthesizers.Contains(GaussianCopulaSynthesizer.SynthesizerName)) results.Add(Child("ooc", file, OocMeasurement.AccuracyCase, size, 1));
                    }
                // Issue #13: reading 1M Adult-shaped rows beside Sylvan's raw parse, and the fits at 1M rows.
                foreach (var variant in ReadReport.Variants) results.Add(Child("read", dataset, variant, ReadReport.Rows, options.Runs));
                // Issue #13: the fits at 1M rows from the file, and the Parquet sink against the CSV sink.
                foreach (var variant in FitScaleReport.Variants) results.Add(Child("fitscale", dataset, variant, ReadReport.Rows, options.Runs));
                // Issue #13: 10M rows to partitioned Parquet on 1 and 2 silo processes (a core each) and in one process.
                foreach (var variant in ClusterMeasurement.Variants) results.Add(Child("cluster", dataset, variant, ClusterReport.Rows, 3));
                // The floor's own size, once each (about 8 minutes on 2 cores): kind cluster100m.
                foreach (var variant in ClusterMeasurement.Variants) results.Add(Child("cluster100m", dataset, variant, ClusterReport.FloorRows, 1));
            }
        }
        // Issue #10: a wide table (generated in the child, so it needs no dataset file) with the default synthesizer.
        results.Add(Child("wide", new Dataset($"wide-{WideMeasurement.Columns}x{WideMeasurement.Rows}", "-", null), GaussianCopulaSynthesizer.SynthesizerName, WideMeasurement.Rows, options.Runs));
        // Issue #11: whole databases (a folder per dataset; "scale" is a two-table database grown to 1,000,000 child rows).
        foreach (var (name, variant) in RelationalMeasurement.Cases)
            results.Add(Child("relational", new Dataset(name, Path.Combine(options.DatasetsFolder, name), null), variant, 0, name == "northwind" && variant == "scale" ? 1 : options.Runs));
        // Issue #12: sequence databases (baseball players <- seasons, beijing's stations), and MOSTLY AI's published output scored alike.
        foreach (var (name, variant) in SequenceMeasurement.Cases)
            results.Add(Child("sequences", new Dataset(name, options.DatasetsFolder, null), variant, 0, variant == "mostly" ? 0 : 3));
        results.RemoveAll(r => ReferenceEquals(r, Skipped));
        int reused = 0;
        if (options.Reuse is { } previousFile)
        {
            using var earlier = JsonDocument.Parse(File.ReadAllText(previousFile));
            var measuredNow = results.Select(r => r.Key).ToHashSet();
            string fileTime = File.GetLastWriteTimeUtc(previousFile).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            foreach (var old in earlier.RootElement.EnumerateArray().Select(e => new Measurement(e.Clone())).Where(m => !measuredNow.Contains(m.Key)))
            {
                // Older results carry no time of their own: the file's time stands for them.
                var stamped = old.MeasuredUtc is null ? Stamp(old.Raw.GetRawText(), fileTime) : old;
                results.Add(stamped);
                reused++;
            }
            Console.Error.WriteLine($"Re-used {reused} measurements from {previousFile}.");
        }
        string json = Path.ChangeExtension(options.Output, ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!); // a fresh --output folder, not a crash after the whole run
        File.WriteAllText(json, JsonSerializer.Serialize(results.Select(r => r.Raw), Indented));
        File.WriteAllText(options.Output, Report.Render(results, options, DateTime.UtcNow));
        Console.Error.WriteLine($"Wrote {options.Output} and {json}.");
        return 0;
    }

    /// <summary>The measurement in <paramref name="json"/>, with the time it was taken.</summary>
    private static Measurement Stamp(string json, string utc)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["measuredUtc"] = utc;
        return new Measurement(JsonDocument.Parse(node.ToJsonString()).RootElement.Clone());
    }

    /// <summary>Stands for a measurement that <c>--kinds</c> left out.</summary>
    private static readonly Measurement Skipped = new(JsonDocument.Parse("{}").RootElement.Clone());

    private static Measurement Child(string kind, Dataset dataset, string synthesizer, long rows, int runs)
    {
        string self = typeof(Orchestrator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { self, "child", kind, dataset.Name, dataset.TrainFile, dataset.HoldoutFile ?? "-", synthesizer,
                     rows.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        Console.Error.Write($"{dataset.Name,-20} {synthesizer,-16} {kind,-8} {(rows > 0 ? rows.ToString("N0", CultureInfo.InvariantCulture) : ""),12} ... ");
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Child {kind} {dataset.Name} {synthesizer} failed with exit code {process.ExitCode}.");
        var measurement = Stamp(output.Trim().Split('\n')[^1].Replace("NaN", "null", StringComparison.Ordinal), DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Console.Error.WriteLine(measurement.Summary());
        return measurement;
    }
}

/// <summary>One child's JSON result with typed accessors.</summary>
internal sealed record Measurement(JsonElement Raw)
{
    public string Kind => Raw.GetProperty("kind").GetString()!;
    public (string, string, string, long) Key => (Kind, Dataset, Synthesizer, Rows);
    public string? MeasuredUtc => Raw.TryGetProperty("measuredUtc", out var m) ? m.GetString() : null;
    public string Dataset => Raw.GetProperty("dataset").GetString()!;
    public string Synthesizer => Raw.GetProperty("synthesizer").GetString()!;
    public long Rows => Raw.GetProperty("rows").GetInt64();
    public int TrainRows => Raw.GetProperty("trainRows").GetInt32();
    public int Columns => Raw.GetProperty("columns").GetInt32();
    public double LoadSeconds => Raw.GetProperty("loadSeconds").GetDouble();
    public long PeakRss => Raw.GetProperty("peakRssBytes").GetInt64();
    public double[] Seconds => Raw.TryGetProperty("seconds", out var s) ? [.. s.EnumerateArray().Select(e => e.GetDouble())] : [];
    public double Median => Seconds.Order().ElementAt(Seconds.Length / 2);
    public double Min => Seconds.Min();
    public double Max => Seconds.Max();
    public double Accuracy => Raw.GetProperty("accuracy").GetDouble();
    public double Ceiling => Raw.GetProperty("ceiling").GetDouble();
    public double Univariate => Raw.GetProperty("univariate").GetDouble();
    public double Bivariate => Raw.GetProperty("bivariate").GetDouble();
    public double Quality => Raw.GetProperty("quality").GetDouble();
    public double QualityAllPairs => Raw.GetProperty("qualityAllPairs").GetDouble();
    public double DcrShare => Raw.GetProperty("dcrShare").GetDouble();
    public double Ims => Raw.GetProperty("ims").GetDouble();
    public double ImsHoldout => Raw.GetProperty("imsHoldout").GetDouble();
    /// <summary>A numeric property of the result, or NaN when it is missing or not a number.</summary>
    public double Number(string property) =>
        Raw.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
    public double? DetectionAuc => Raw.TryGetProperty("detectionAuc", out var d) ? d.GetDouble() : null;

    /// <summary>The detection model's top features with the AUC each costs when shuffled (issue #15), or none.</summary>
    public IReadOnlyList<(string Column, double Importance)> DetectionFeatures =>
        Raw.TryGetProperty("detectionFeatures", out var f) && f.ValueKind == JsonValueKind.Array
            ? [.. f.EnumerateArray().Select(e => (e.GetProperty("column").GetString()!, e.GetProperty("importance").GetDouble()))]
            : [];

    /// <summary>The top features as "name (−0.123)", comma-separated.</summary>
    public string Giveaways() =>
        string.Join(", ", DetectionFeatures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Column} ({-f.Importance:+0.000;-0.000})")));

    public string Summary() => Kind == "relational" ? RelationalReport.Summary(this)
        : Kind == "sequences" ? SequenceFloors.Summary(this)
        : Kind == "fidelity"
        ? $"accuracy {Accuracy:0.0000} (ceiling {Ceiling:0.0000}), detection AUC {DetectionAuc:0.000}; gives it away: {Giveaways()}"
        : Rows > 0 ? $"{Rows / Median:N0} rows/s, peak {PeakRss / 1048576.0:N0} MiB" : $"{Median:0.000} s";
}
