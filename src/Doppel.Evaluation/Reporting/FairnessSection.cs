using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;

namespace Doppel.Evaluation.Reporting;

/// <summary>Per sensitive column: group shares and target rates, real against synthetic, and fairness metrics.</summary>
internal static class FairnessSection
{
    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "fairness");
        var inputs = report.Obj("inputs");
        var columns = report.Objects("fairness").ToList();
        if (columns.Count == 0)
        {
            bool noSensitive = (inputs.Arr("sensitive")?.Count ?? 0) == 0;
            html.NotComputed(report.Obj("skipped")?.Str("fairness") ?? (noSensitive
                ? "Pass --sensitive (and --target) to compare groups."
                : inputs.Str("target") is null ? "Fairness compares target rates between groups: pass --target to compute it." : "The report has no fairness section."));
            ReportHtml.EndSection(html);
            return;
        }
        string target = inputs.Str("target") is { } t ? $" ({t})" : "";
        foreach (var column in columns)
        {
            html.Raw("<h3>").Text("By " + (column.Str("column") ?? "(unnamed column)")).Raw("</h3>\n");
            var groups = column.Objects("groups").Select(g => (IReadOnlyList<Cell>)[
                Cell.Label(g.Str("group") ?? "(null)"),
                Cell.Number(Percent(g.Num("realShare"))), Cell.Number(Percent(g.Num("syntheticShare"))),
                Cell.Number(Percent(g.Num("realRate"))), Cell.Number(Percent(g.Num("syntheticRate")))]).ToList();
            var metrics = column.Objects("metrics").Select(m => (IReadOnlyList<Cell>)[
                Cell.Text(m.Str("name") ?? "(unnamed)"), Cell.Plain(m.Num("real")), Cell.Plain(m.Num("synthetic")),
                Cell.Number(Signed(m.Num("synthetic") - m.Num("real")))]).ToList();
            html.Raw("<div class=\"split\">\n<div>\n");
            if (groups.Count == 0) html.NotComputed("No groups were reported.");
            else
                html.Table(["Group", "Real share", "Synthetic share", "Real target rate" + target, "Synthetic target rate"], groups,
                    numeric: [false, true, true, true, true]);
            html.Raw("</div>\n<div>\n");
            if (metrics.Count > 0)
                html.Table(["Metric", "Real", "Synthetic", "Difference"], metrics, numeric: [false, true, true, true]);
            html.Raw("</div>\n</div>\n");
        }
        html.Raw("<p class=\"explain\">")
            .Text("Synthetic data should keep each group's share and its target rate; a fairness metric that moves between real and synthetic means a model trained on the synthetic data would treat groups differently.")
            .Raw("</p>\n");
        ReportHtml.EndSection(html);
    }
}
