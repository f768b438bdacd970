using System.Globalization;
using System.Text.Json.Nodes;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Turns the report's numbers into the headline cards and a plain-words verdict. The levels compare accuracy with
/// the holdout ceiling (what a fresh sample of real data scores) and flag privacy concerns.
/// </summary>
internal static class ReportVerdict
{
    public static void Apply(JsonObject report)
    {
        var headline = new JsonArray();
        double? accuracy = Get(report, "accuracy", "overall");
        double? ceiling = Get(report, "accuracy", "ceiling", "overall");
        double? quality = Get(report, "quality", "overall");
        double? detection = Get(report, "detection", "rocAuc");
        double? dcr = Get(report, "privacy", "dcrShare");
        double? ims = Get(report, "privacy", "identicalMatchShare");
        double? imsBase = Get(report, "privacy", "holdoutIdenticalMatchShare");
        if (accuracy is { } a) headline.Add(Card("Accuracy", a, ceiling, "higher", "MOSTLY AI QA-compatible accuracy (1 − TVD of binned marginals and pairs)"));
        if (quality is { } q) headline.Add(Card("Quality", q, null, "higher", "SDMetrics Quality Report score, computed as SDMetrics 0.29 does (only pairs with a real relation)"));
        if (detection is { } d) headline.Add(Card("Detection AUC", d, null, "half", "how well a classifier tells synthetic from real rows; 0.5 = indistinguishable"));
        if (dcr is { } s) headline.Add(Card("DCR share", s, null, "half", "share of synthetic rows closer to a training row than to a holdout row; 0.5 ideal"));
        if (ims is { } m) headline.Add(Card("Identical matches", m, null, "lower", $"share of synthetic rows identical to a training row (unseen real rows: {Format(imsBase)})"));
        report["headline"] = headline;

        var sentences = new List<string>();
        string level = "good";
        if (accuracy is { } acc)
        {
            double reference = ceiling ?? 1.0;
            double gap = reference - acc;
            level = gap <= 0.01 ? "excellent" : gap <= 0.03 ? "good" : gap <= 0.08 ? "fair" : "poor";
            sentences.Add(ceiling is null
                ? $"Accuracy is {Format(acc)}: {Describe(level)}."
                : $"Accuracy is {Format(acc)} against {Format(ceiling)} for a fresh sample of real data: {Describe(level)}.");
        }
        if (detection is { } auc)
        {
            sentences.Add(auc <= 0.6 ? $"A classifier can hardly tell synthetic from real rows (AUC {Format(auc)})."
                : auc <= 0.8 ? $"A classifier tells synthetic from real rows fairly well (AUC {Format(auc)}): some joint patterns differ."
                : $"A classifier tells synthetic from real rows easily (AUC {Format(auc)}): the joint structure is not reproduced well.");
            if (auc > 0.8 && level is "excellent" or "good") level = "fair";
        }
        bool holdoutOverlaps = GetBool(report, "copyCheck", "holdoutOverlaps");
        if (holdoutOverlaps)
        {
            // Every score against this holdout compares the training data with itself: drop them from the judgement.
            sentences.Add($"The holdout is not held out: {Format(Get(report, "copyCheck", "holdoutIdenticalMatchShare"))} of its rows are identical to a training row " +
                          $"(the training data repeats itself in {Format(Get(report, "copyCheck", "trainingDuplicateShare"))}), so the accuracy ceiling and the privacy scores against it mean nothing; pass real rows the model never saw.");
            if (level is "excellent" or "good") level = "fair";
            dcr = null;
        }
        var failures = PrivacyFailures(report, holdoutOverlaps);
        bool copying = !holdoutOverlaps && ((ims is { } i && i > (imsBase ?? 0) + 0.005) || (dcr is { } share && share > 0.6));
        if (failures.Count > 0)
        {
            sentences.Add($"Privacy failure: {string.Join("; ", failures)}. This is (largely) a copy of the real data, not synthetic data: do not share it as anonymous.");
            level = "poor";
        }
        else if (ims is not null || dcr is not null)
        {
            sentences.Add(copying
                ? $"Privacy warning: synthetic rows sit closer to the training rows than unseen real rows do (identical matches {Format(ims)} vs {Format(imsBase)}, DCR share {Format(dcr)})."
                : $"No sign of copying: identical matches {Format(ims)} (unseen real rows: {Format(imsBase)}), DCR share {Format(dcr)}.");
            if (copying && level is "excellent" or "good") level = "fair";
        }
        if (!holdoutOverlaps && ims is null && dcr is null) sentences.Add("Privacy risk was not measured: pass --holdout with real rows the model never saw.");
        var unreal = CategoryAdherenceFailures(report);
        if (unreal.Count > 0)
        {
            sentences.Add($"Most synthetic values of {string.Join(", ", unreal)} are not categories of the real data (such as the _RARE_ token that stands for categories seen fewer than 5 times); the binned scores do not show it.");
            if (level is "excellent" or "good") level = "fair";
        }
        report["verdict"] = new JsonObject
        {
            ["level"] = level, ["text"] = string.Join(" ", sentences), ["privacyFailure"] = failures.Count > 0, ["holdoutOverlaps"] = holdoutOverlaps,
        };
    }

    /// <summary>Membership advantage this high means an attacker tells members from non-members most of the time.</summary>
    internal const double FailingAdvantage = 0.5;

    /// <summary>A DCR share this high means three synthetic rows in four sit nearer a training row than any holdout row.</summary>
    internal const double FailingDcrShare = 0.75;

    /// <summary>Each sign that the synthetic data copies the training rows, in words (empty: none).</summary>
    private static List<string> PrivacyFailures(JsonObject report, bool holdoutOverlaps)
    {
        var failures = new List<string>();
        if (GetBool(report, "copyCheck", "copy"))
            failures.Add($"{Format(Get(report, "copyCheck", "identicalMatchShare"))} of the synthetic rows are identical to a training row (the training data repeats itself in {Format(Get(report, "copyCheck", "trainingDuplicateShare"))})");
        if (holdoutOverlaps) return failures;
        if (Get(report, "privacy", "membershipInference", "advantage") is { } advantage && advantage > FailingAdvantage &&
            !(advantage <= Get(report, "privacy", "membershipInference", "nullAdvantage95")))
            failures.Add($"a membership attack tells training rows from unseen rows with advantage {Format(advantage)} (above {FailingAdvantage})");
        if (Get(report, "privacy", "dcrShare") is { } dcr && dcr > FailingDcrShare)
            failures.Add($"DCR share {Format(dcr)} (above {FailingDcrShare}; 0.5 is ideal)");
        return failures;
    }

    /// <summary>Categorical columns whose synthetic values are mostly not real categories (CategoryAdherence below ½), quoted.</summary>
    private static List<string> CategoryAdherenceFailures(JsonObject report)
    {
        var columns = new List<string>();
        foreach (var check in report["diagnostics"]?["columns"] as JsonArray ?? [])
            if (check?["check"]?.ToString() == MetricNames.CategoryAdherence && check["score"] is JsonValue v && v.TryGetValue(out double score) && score < 0.5)
                columns.Add($"'{check["column"]}' (adherence {Format(score)})");
        return columns;
    }

    private static bool GetBool(JsonObject report, params string[] path)
    {
        JsonNode? node = report;
        foreach (var key in path) node = node is JsonObject obj ? obj[key] : null;
        return node is JsonValue value && value.TryGetValue(out bool b) && b;
    }

    private static string Describe(string level) => level switch
    {
        "excellent" => "the synthetic data mirrors the real data about as well as real data mirrors itself",
        "good" => "distributions and pairwise relations are close to the real ones",
        "fair" => "distributions are close but some relations between columns are weaker or distorted",
        _ => "the synthetic data differs noticeably from the real data",
    };

    private static JsonObject Card(string name, double value, double? ceiling, string better, string text) => new()
    {
        ["name"] = name, ["value"] = EvaluationReport.Number(value), ["ceiling"] = ceiling is { } c ? EvaluationReport.Number(c) : null,
        ["better"] = better, ["text"] = text, ["level"] = CardLevel(value, ceiling, better),
    };

    /// <summary>good / fair / poor for one headline number (thresholds documented in docs/report-schema.md).</summary>
    private static string CardLevel(double value, double? ceiling, string better)
    {
        double off = better switch { "higher" => (ceiling ?? 1.0) - value, "half" => Math.Abs(value - 0.5), _ => value };
        var (good, fair) = better switch { "higher" => (0.02, 0.06), "half" => (0.05, 0.15), _ => (0.005, 0.02) };
        return off <= good ? "good" : off <= fair ? "fair" : "poor";
    }

    private static string Format(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static double? Get(JsonObject report, params string[] path)
    {
        JsonNode? node = report;
        foreach (var key in path) node = node is JsonObject obj ? obj[key] : null;
        return node is JsonValue value && value.TryGetValue(out double d) ? d : null;
    }
}
