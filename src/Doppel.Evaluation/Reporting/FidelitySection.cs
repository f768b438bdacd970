using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;
using static System.FormattableString;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Fidelity: accuracy against its holdout ceiling, the SDMetrics-compatible quality in both variants, a per-column
/// table joining the three per-column scores by name, and the worst column pairs.
/// </summary>
internal static class FidelitySection
{
    /// <summary>Pairs listed in the worst-pairs table.</summary>
    private const int WorstPairs = 10;

    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "fidelity");
        var accuracy = report.Obj("accuracy");
        var quality = report.Obj("quality");
        html.Raw("<div class=\"split\">\n<div>\n");
        Accuracy(html, accuracy);
        html.Raw("</div>\n<div>\n");
        Quality(html, quality, report.Obj("qualityDoppel"));
        html.Raw("</div>\n</div>\n");
        Columns(html, accuracy, quality);
        Pairs(html, accuracy, quality);
        ReportHtml.EndSection(html);
    }

    private static void Accuracy(Html html, JsonObject? accuracy)
    {
        html.Element("h3", "Accuracy (MOSTLY AI QA-compatible)").Raw("\n");
        if (accuracy is null)
        {
            html.NotComputed("The report has no accuracy section.");
            return;
        }
        var ceiling = accuracy.Obj("ceiling");
        var rows = new[] { ("Univariate", "univariate"), ("Bivariate", "bivariate"), ("Overall", "overall") }
            .Select(r =>
            {
                double? value = accuracy.Num(r.Item2), max = ceiling.Num(r.Item2);
                return ceiling is null
                    ? (IReadOnlyList<Cell>)[Cell.Text(r.Item1), Cell.Score(value)]
                    : [Cell.Text(r.Item1), Cell.Score(value), Cell.Plain(max), IsFinite(value) && IsFinite(max) ? Cell.Number(Signed(value - max)) : Cell.Empty];
            });
        if (ceiling is null) html.Table(["Score", "Synthetic"], rows, numeric: [false, true]);
        else html.Table(["Score", "Synthetic", "Holdout ceiling", "Difference"], rows, numeric: [false, true, true, true]);
        html.Raw("<p class=\"explain\">").Text("1 \u2212 total variation distance between binned real and synthetic distributions, for single columns and column pairs. ")
            .Text(ceiling is null
                ? "No holdout was given, so there is no ceiling: pass --holdout to see what real data scores."
                : "The ceiling is the same score between the training data and a real holdout of the same size: more than that is not to be expected.")
            .Raw("</p>\n");
    }

    private static void Quality(Html html, JsonObject? quality, JsonObject? doppel)
    {
        html.Element("h3", "Quality (SDMetrics Quality Report)").Raw("\n");
        if (quality is null)
        {
            html.NotComputed("The report has no quality section.");
            return;
        }
        double? pairs = quality.Num("columnPairTrends");
        IReadOnlyList<Cell>[] rows =
        [
            [Cell.Text("Column Shapes"), Cell.Score(quality.Num("columnShapes")), Cell.Score(quality.Num("columnShapes"))],
            [Cell.Text("Column Pair Trends"),
                IsFinite(pairs) ? Cell.Score(pairs) : Cell.Text("not applicable", "num na"),
                Cell.Score(quality.Num("columnPairTrendsAllPairs"))],
            [Cell.Text("Overall"), Cell.Score(quality.Num("overall")), Cell.Score(quality.Num("overallAllPairs"))],
            .. doppel is null ? Array.Empty<IReadOnlyList<Cell>>() :
            [[Cell.Text("Overall, Doppel's variant"), Cell.Score(doppel.Num("overall")), Cell.Score(doppel.Num("overallAllPairs"))]],
        ];
        html.Table(["Property", "SDMetrics \u2265 0.27", "Before 0.27 (all pairs)"], rows, numeric: [false, true, true]);
        html.Raw("<p class=\"explain\">")
            .Text("Column Shapes compares each column's distribution (KS or TV complement); Column Pair Trends compares correlations and contingency tables. ")
            .Text("SDMetrics 0.27 and later count only pairs that are strongly associated in the real data")
            .Text(IsFinite(pairs) ? "." : "; none is here, so the overall equals Column Shapes.")
            .Text(doppel is null ? "" : " Computed as SDMetrics 0.29 computes it; Doppel's variant drops nulls from contingency tables and bins both tables over the real range (docs/metrics.md).")
            .Raw("</p>\n");
    }

    /// <summary>Accuracy, shape and missing-value scores per column, joined by name in first-seen order.</summary>
    private static void Columns(Html html, JsonObject? accuracy, JsonObject? quality)
    {
        html.Element("h3", "Per column").Raw("\n");
        var names = new List<string>();
        var scores = new Dictionary<string, double?>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, (string? Metric, double? Score)>(StringComparer.Ordinal);
        var missing = new Dictionary<string, double?>(StringComparer.Ordinal);
        void Add(string name) { if (!scores.ContainsKey(name) && !shapes.ContainsKey(name) && !missing.ContainsKey(name)) names.Add(name); }
        foreach (var c in accuracy.Objects("columns"))
            if (c.Str("column") is { } name) { Add(name); scores[name] = c.Num("score"); }
        foreach (var c in quality.Objects("columns"))
            if (c.Str("column") is { } name) { Add(name); shapes[name] = (c.Str("metric"), c.Num("score")); }
        foreach (var c in quality.Objects("missingValues"))
            if (c.Str("column") is { } name) { Add(name); missing[name] = c.Num("score"); }
        if (names.Count == 0)
        {
            html.NotComputed("The report has no per-column scores.");
            return;
        }
        // Only the kinds of score the report has get a column.
        var headers = new List<string> { "Column" };
        var numeric = new List<bool> { false };
        if (scores.Count > 0) { headers.Add("Accuracy"); numeric.Add(true); }
        if (shapes.Count > 0) { headers.AddRange(["Shape metric", "Shape score"]); numeric.AddRange([false, true]); }
        if (missing.Count > 0) { headers.Add("Missing-value similarity"); numeric.Add(true); }
        var rows = names.Select(name =>
        {
            var row = new List<Cell> { Cell.Label(name) };
            if (scores.Count > 0) row.Add(scores.TryGetValue(name, out var a) ? Cell.Score(a) : Cell.Empty);
            if (shapes.Count > 0)
            {
                bool has = shapes.TryGetValue(name, out var shape);
                row.Add(has && shape.Metric is not null ? Cell.Text(shape.Metric) : Cell.Empty);
                row.Add(has ? Cell.Score(shape.Score) : Cell.Empty);
            }
            if (missing.Count > 0) row.Add(missing.TryGetValue(name, out var m) ? Cell.Score(m) : Cell.Empty);
            return (IReadOnlyList<Cell>)row;
        });
        html.Table(headers, rows, numeric: [.. numeric]);
    }

    /// <summary>The pairs with the lowest scores, accuracy and SDMetrics pair metrics joined by unordered pair.</summary>
    private static void Pairs(Html html, JsonObject? accuracy, JsonObject? quality)
    {
        html.Element("h3", "Worst column pairs").Raw("\n");
        var pairs = new Dictionary<(string, string), (double? Accuracy, JsonObject? Quality)>();
        var order = new List<(string, string)>();
        static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        foreach (var p in accuracy.Objects("pairs"))
        {
            if (p.Str("a") is not { } a || p.Str("b") is not { } b) continue;
            var key = Key(a, b);
            if (!pairs.ContainsKey(key)) order.Add(key);
            pairs[key] = (p.Num("score"), pairs.GetValueOrDefault(key).Quality);
        }
        foreach (var p in quality.Objects("pairs"))
        {
            if (p.Str("a") is not { } a || p.Str("b") is not { } b) continue;
            var key = Key(a, b);
            if (!pairs.ContainsKey(key)) order.Add(key);
            pairs[key] = (pairs.GetValueOrDefault(key).Accuracy, p);
        }
        if (order.Count == 0)
        {
            html.NotComputed("The report has no column-pair scores (one column only, or not computed).");
            return;
        }
        double Worst((string, string) key)
        {
            var (a, q) = pairs[key];
            double x = IsFinite(a) ? a!.Value : double.PositiveInfinity, y = q.Num("score") is { } s && double.IsFinite(s) ? s : double.PositiveInfinity;
            return Math.Min(x, y);
        }
        var worst = order.OrderBy(Worst).Take(WorstPairs).ToList();
        bool withAccuracy = pairs.Values.Any(p => p.Accuracy is not null), withQuality = pairs.Values.Any(p => p.Quality is not null);
        var rows = worst.Select(key =>
        {
            var (a, q) = pairs[key];
            var row = new List<Cell> { Cell.Label($"{key.Item1} \u00d7 {key.Item2}", 60) };
            if (withAccuracy) row.Add(a is null ? Cell.Empty : Cell.Score(a));
            if (withQuality)
            {
                bool? counted = q.Bool("counted");
                row.AddRange(q is null
                    ? [Cell.Empty, Cell.Empty, Cell.Empty, Cell.Empty]
                    : [Cell.Text(q.Str("metric")), Cell.Score(q.Num("score")), Cell.Number(Correlation(q.Num("realAssociation"))),
                        counted is null ? Cell.Empty : Cell.Text(counted.Value ? "yes" : "no")]);
            }
            return (IReadOnlyList<Cell>)row;
        });
        string[] headers = ["Pair", .. withAccuracy ? ["Accuracy"] : Array.Empty<string>(),
            .. withQuality ? ["SDMetrics metric", "SDMetrics score", "Real association", "Counted (\u2265 0.27)"] : Array.Empty<string>()];
        bool[] numeric = [false, .. withAccuracy ? [true] : Array.Empty<bool>(), .. withQuality ? [false, true, true, false] : Array.Empty<bool>()];
        html.Table(headers, rows, numeric: numeric);
        html.Raw("<p class=\"explain\">")
            .Text(order.Count > WorstPairs ? Invariant($"The {WorstPairs} lowest-scoring of {order.Count} pairs, by the lower of the two scores. ") : "All pairs, lowest score first. ")
            .Text("Real association is Pearson's r for two numeric columns and Cram\u00e9r's V otherwise; SDMetrics \u2265 0.27 counts a pair when |r| > 0.5 or V > 0.3.")
            .Raw("</p>\n");
    }
}
