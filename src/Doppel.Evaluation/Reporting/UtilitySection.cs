using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;

namespace Doppel.Evaluation.Reporting;

/// <summary>Detection (can a classifier tell the two apart?) and machine-learning utility (train synthetic, test real).</summary>
internal static class UtilitySection
{
    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "utility");
        var inputs = report.Obj("inputs");

        html.Element("h3", "Detection").Raw("\n");
        if (report.Obj("detection") is { } detection)
        {
            double? auc = detection.Num("rocAuc");
            string folds = IsFinite(detection.Num("folds")) ? $"{Count(detection.Num("folds"))}-fold cross-validation" : "cross-validated";
            html.Table(["Measure", "Value", "Ideal", "What it means"],
                [[Cell.Text("Detection ROC AUC"), Cell.Number(Score(auc)), Cell.Text("0.500", "num"),
                    Cell.Text($"A LightGBM classifier tries to tell real from synthetic rows ({folds}). 0.5: it cannot; 1: it always can.", "explain-col")]],
                "wide", numeric: [false, true, true, false]);
            DetectorSection.Write(html, detection);
        }
        else
        {
            html.NotComputed(report.Obj("skipped")?.Str("detection") ?? "The machine-learning parts were skipped.");
        }

        html.Element("h3", "Utility (train on synthetic, test on real)").Raw("\n");
        if (report.Obj("utility") is { } utility)
        {
            html.Raw("<p>").Text($"Target {utility.Str("target") ?? inputs.Str("target") ?? "(unnamed)"}")
                .Text(utility.Str("task") is { } task ? $" ({task})" : "")
                .Text(": a model trained on the synthetic data and one trained on the real training data, both scored on the real holdout.")
                .Raw("</p>\n");
            var rows = utility.Objects("metrics").Select(m => (IReadOnlyList<Cell>)[
                Cell.Text(m.Str("name") ?? "(unnamed)"), Cell.Plain(m.Num("real")), Cell.Plain(m.Num("synthetic")), Cell.Score(m.Num("ratio"))]).ToList();
            if (rows.Count == 0) html.NotComputed("No utility metrics were reported.");
            else
                html.Table(["Metric", "Trained on real", "Trained on synthetic", "Ratio"], rows, numeric: [false, true, true, true]);
            html.Raw("<p class=\"explain\">").Text("Ratio = synthetic \u00f7 real: 1 means the synthetic data is as useful for training as the real data.").Raw("</p>\n");
        }
        else
        {
            html.NotComputed(report.Obj("skipped")?.Str("utility") ?? (inputs.Str("target") is null
                ? "Pass --target (and --holdout) to compute utility."
                : inputs.Obj("holdout") is null
                    ? "Utility is scored on a real holdout: pass --holdout to compute it."
                    : "The machine-learning parts were skipped."));
        }
        ReportHtml.EndSection(html);
    }
}
