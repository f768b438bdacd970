using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Evaluation.ML;
using Doppel.Evaluation.Reporting;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Provenance;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel evaluate --real TRAIN --synthetic SYN [--holdout H]</c>: fidelity, privacy risk and ML metrics in one
/// report (JSON and a self-contained HTML page), with a one-screen summary on stdout.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var real = new Option<string>("--real") { Description = "The real (training) data the model was fitted on.", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "The synthetic data to evaluate.", Required = true };
        var holdout = new Option<string?>("--holdout") { Description = "Real rows the model never saw: enables the accuracy ceiling, privacy risk and utility." };
        var metadata = CommandSupport.MetadataOption();
        var target = new Option<string?>("--target") { Description = "Column to predict for the utility (TSTR) and fairness metrics." };
        var sensitive = new Option<string?>("--sensitive") { Description = "Comma-separated sensitive columns for the bias metrics (needs --target)." };
        var html = new Option<string?>("--output", "-o") { Description = "Write the HTML report here." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (docs/report-schema.md) here." };
        var noMl = new Option<bool>("--no-ml") { Description = "Skip the LightGBM metrics (detection, utility, model-based fairness)." };
        var force = CommandSupport.Force();
        var command = new Command("evaluate", "Measure how faithful and how private synthetic data is, against the real data.")
            { real, synthetic, holdout, metadata, target, sensitive, html, json, noMl, force };
        command.SetAction(parse =>
        {
            var watch = Stopwatch.StartNew();
            string realPath = parse.GetValue(real)!, synPath = parse.GetValue(synthetic)!;
            string? holdoutPath = parse.GetValue(holdout), htmlPath = parse.GetValue(html), jsonPath = parse.GetValue(json);
            bool overwrite = parse.GetValue(force);
            // Everything that can refuse the run is checked before the (possibly long) evaluation starts.
            foreach (var output in new[] { htmlPath, jsonPath }.OfType<string>())
            {
                CommandSupport.CheckOutput(output, overwrite, CommandSupport.OutputKind.File, realPath, synPath, holdoutPath, parse.GetValue(metadata));
            }
            string sidecar = Manifest.SidecarPath(synPath);
            var manifest = File.Exists(sidecar) ? Manifest.Load(sidecar) : null;
            var budget = File.Exists(sidecar) ? DpBudgetOf(sidecar) : null;
            if (manifest?.Mode == PseudonymizeCommand.Mode && !CommandSupport.IsQuiet(parse))
                console.Error.WriteLine($"warning: {synPath} is pseudonymized real data (doppel pseudonymize), not synthetic data: its rows are the real rows, so the privacy scores will show a copy.");

            var (realTable, meta) = CommandSupport.LoadData(realPath, parse.GetValue(metadata), parse, console);
            var parseOptions = CommandSupport.ParseOptionsOf(parse);
            // A file Doppel wrote (it has a manifest) has invariant numbers whatever --culture says about the real data.
            var synTable = LoadLike(synPath, meta, "synthetic", manifest is null ? parseOptions : parseOptions with { Numbers = ParseOptions.Default.Numbers });
            var holdoutTable = holdoutPath is null ? null : LoadLike(holdoutPath, meta, "holdout", parseOptions);
            var request = new EvaluationRequest(realTable, synTable, holdoutTable, meta)
            {
                Names = (Path.GetFileName(realPath), Path.GetFileName(synPath), holdoutPath is null ? null : Path.GetFileName(holdoutPath)),
                Target = parse.GetValue(target),
                Sensitive = (parse.GetValue(sensitive) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MachineLearning = !parse.GetValue(noMl),
                Engine = Manifest.EngineVersion,
                DpBudget = budget,
            };
            var warnings = new List<string>();
            var report = Phases.Run(parse, console, "Evaluating", step => Evaluator.Run(request with { Progress = step }, warnings.Add));
            if (!CommandSupport.IsQuiet(parse)) foreach (var warning in warnings) console.Error.WriteLine($"warning: {warning}");
            // The synthetic file's provenance records how it scored (its output hash is untouched); saved last.
            manifest = manifest is null ? null : manifest with { Scores = HeadlineScores(report) };
            if (manifest is not null) report.Set("manifest", JsonNode.Parse(manifest.ToJson()));

            if (jsonPath is not null) AtomicFile.Write(jsonPath, overwrite, s => s.Write(System.Text.Encoding.UTF8.GetBytes(report.ToJsonString() + "\n")));
            if (htmlPath is not null) AtomicFile.Write(htmlPath, overwrite, s => s.Write(System.Text.Encoding.UTF8.GetBytes(ReportSummary.Html(report))));
            manifest?.Save(sidecar, overwrite: true);
            console.Out.Write(ReportSummary.Text(report));
            if (!CommandSupport.IsQuiet(parse))
                console.Error.WriteLine($"Evaluated in {watch.Elapsed.TotalSeconds:0.0} s." +
                                        (jsonPath is null ? "" : $" JSON: {jsonPath}.") + (htmlPath is null ? "" : $" HTML: {htmlPath}."));
            return 0;
        });
        return command;
    }

    private static Dictionary<string, double> HeadlineScores(EvaluationReport report)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, params string[] path)
        {
            JsonNode? node = report.Json;
            foreach (var key in path) node = node is JsonObject obj ? obj[key] : null;
            if (node is JsonValue value && value.TryGetValue(out double d)) scores[name] = d;
        }
        Add("accuracy", "accuracy", "overall");
        Add("accuracyCeiling", "accuracy", "ceiling", "overall");
        Add("quality", "quality", "overall");
        Add("qualityAllPairs", "quality", "overallAllPairs");
        Add("qualityDoppel", "qualityDoppel", "overall");
        Add("dcrShare", "privacy", "dcrShare");
        Add("identicalMatchShare", "privacy", "identicalMatchShare");
        Add("detectionAuc", "detection", "rocAuc");
        Add("membershipAdvantage", "privacy", "membershipInference", "advantage");
        return scores;
    }

    /// <summary>
    /// The (ε, δ) a differentially private model recorded in the synthetic file's manifest: an object
    /// <c>privacyBudget</c> (or <c>privacy</c>) with numbers <c>epsilon</c> and <c>delta</c>; null when there is none, or
    /// when <c>secureNoise</c> is false (test-only seeded noise: no guarantee, so no bound). Read from the JSON directly,
    /// so the evaluation does not depend on how the manifest type spells it.
    /// </summary>
    internal static (double Epsilon, double Delta)? DpBudgetOf(string sidecar)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(sidecar)); }
        catch (System.Text.Json.JsonException e) { throw new DoppelException(ErrorKind.Data, $"{sidecar} is not a valid Doppel manifest: {e.Message}", e); }
        foreach (var key in new[] { "privacyBudget", "privacy" })
        {
            if (root is not JsonObject obj || obj[key] is not JsonObject budget) continue;
            if (budget["secureNoise"] is JsonValue secure && secure.TryGetValue(out bool isSecure) && !isSecure) return null;
            if (budget["epsilon"] is JsonValue e && e.TryGetValue(out double epsilon) && budget["delta"] is JsonValue d && d.TryGetValue(out double delta))
            {
                if (!(epsilon >= 0 && double.IsFinite(epsilon) && delta >= 0 && delta < 1))
                    throw new DoppelException(ErrorKind.Data, $"{sidecar} records a privacy budget ε = {epsilon}, δ = {delta}; ε must be finite and at least 0, δ in [0, 1).");
                return (epsilon, delta);
            }
        }
        return null;
    }

    /// <summary>Reads a file that must have the real data's columns (a --mark-synthetic column is ignored).</summary>
    private static Table LoadLike(string path, TableMetadata metadata, string role, ParseOptions options)
    {
        var raw = TableFiles.ReadRaw(path);
        if (raw.RowCount == 0) throw new DoppelException(ErrorKind.Data, $"The {role} file {path} has no data rows.");
        int marker = Array.IndexOf(raw.Names, MarkSyntheticWriter.ColumnName);
        if (marker >= 0 && metadata.Find(MarkSyntheticWriter.ColumnName) is null)
            raw = new RawTable([.. raw.Names.Where((_, i) => i != marker)], [.. raw.Columns.Where((_, i) => i != marker)], raw.Source);
        var missing = metadata.Columns.Select(c => c.Name).Where(n => !raw.Names.Contains(n)).ToList();
        var extra = raw.Names.Where(n => metadata.Find(n) is null).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new DoppelException(ErrorKind.Data,
                $"The {role} file {path} does not have the real data's columns" +
                (missing.Count > 0 ? $"; missing: {string.Join(", ", missing.Select(n => $"'{n}'"))}" : "") +
                (extra.Count > 0 ? $"; not in the real data: {string.Join(", ", extra.Select(n => $"'{n}'"))}" : "") + ".");
        // Same column order as the real data, typed by the real data's metadata.
        var ordered = new RawTable([.. metadata.Columns.Select(c => c.Name)],
            [.. metadata.Columns.Select(c => raw.Columns[Array.IndexOf(raw.Names, c.Name)])], raw.Source);
        return TableConverter.Convert(ordered, metadata, null, options);
    }
}
