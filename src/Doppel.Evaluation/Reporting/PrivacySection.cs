using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;

namespace Doppel.Evaluation.Reporting;

/// <summary>Privacy risk: distance-based measures against a holdout baseline, and Anonymeter attack risks.</summary>
internal static class PrivacySection
{
    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "privacy");
        var privacy = report.Obj("privacy");
        if (privacy is null)
        {
            html.NotComputed(report.Obj("inputs").Obj("holdout") is null
                ? "Privacy risk is measured against a real holdout: pass --holdout to compute privacy risk."
                : "The report has no privacy section.");
            ReportHtml.EndSection(html);
            return;
        }
        IReadOnlyList<Cell>[] rows =
        [
            [Cell.Text("Identical match share (IMS)"), Cell.Number(Percent(privacy.Num("identicalMatchShare"))),
                Cell.Text($"holdout {Percent(privacy.Num("holdoutIdenticalMatchShare"))}", "num"),
                Cell.Text("Synthetic rows that exactly copy a training row. Real holdout rows match training rows by chance too; their share is the baseline.", "explain-col")],
            [Cell.Text("DCR share"), Cell.Plain(privacy.Num("dcrShare")), Cell.Text("ideal 0.500", "num"),
                Cell.Text("Share of synthetic rows closer to a training row than to any holdout row. Near 0.5: no closer to the training data than unseen real data; well above: memorisation.", "explain-col")],
            [Cell.Text("Median distance to closest record"), Cell.Plain(privacy.Num("dcrMedianSynthetic")),
                Cell.Text($"holdout {Score(privacy.Num("dcrMedianHoldout"))}", "num"),
                Cell.Text("Typical Gower distance from a row to its nearest training row; synthetic rows much closer than holdout rows hint at copying.", "explain-col")],
            [Cell.Text("NNDR median"), Cell.Plain(privacy.Num("nndrMedian")), Cell.Empty,
                Cell.Text("Nearest over second-nearest training distance. Near 0: a row sits next to one particular training record; near 1: among many.", "explain-col")],
            [Cell.Text("NNDR 5th percentile"), Cell.Plain(privacy.Num("nndr5thPercentile")), Cell.Empty,
                Cell.Text("The same ratio for the 5% most exposed synthetic rows.", "explain-col")],
        ];
        html.Table(["Measure", "Synthetic", "Baseline", "What it means"], rows, "wide", numeric: [false, true, true, false]);

        html.Element("h3", "Attack risks (Anonymeter method)").Raw("\n");
        var attacks = privacy.Objects("anonymeter").ToList();
        if (attacks.Count == 0)
        {
            html.NotComputed("No attacks were simulated.");
        }
        else
        {
            var attackRows = attacks.Select(a => (IReadOnlyList<Cell>)[
                Cell.Label(a.Str("attack") ?? "(unnamed)"),
                Cell.Number(Score(a.Num("risk")), RiskClass(a.Num("risk"))),
                Cell.Number(IsFinite(a.Num("low")) || IsFinite(a.Num("high")) ? $"{Score(a.Num("low"))} \u2013 {Score(a.Num("high"))}" : NotAvailable),
                Cell.Number(Percent(a.Num("attackRate"))),
                Cell.Number(Percent(a.Num("controlRate"))),
                Cell.Number(Count(a.Num("attacks"))),
                Cell.Text(Explain(a.Str("attack")), "explain-col")]);
            html.Table(["Attack", "Risk", "95% interval", "Attack success", "Control success", "Attacks", "What it asks"], attackRows,
                "wide", numeric: [false, true, true, true, true, true, false]);
            html.Raw("<p class=\"explain\">")
                .Text("Risk = (attack success \u2212 control success) / (1 \u2212 control success), with a 95% Wilson interval: 0 means the synthetic data helps an attacker no more than unrelated real data does.")
                .Raw("</p>\n");
        }
        ReportHtml.EndSection(html);
    }

    private static string RiskClass(double? risk) => !IsFinite(risk) ? "na" : risk <= 0.05 ? "s-good" : risk <= 0.2 ? "s-fair" : "s-poor";

    private static string Explain(string? attack) => attack switch
    {
        null => "",
        _ when attack.StartsWith("singling", StringComparison.OrdinalIgnoreCase) =>
            "Can a real person be isolated by a combination of values found in the synthetic data?",
        _ when attack.StartsWith("linkab", StringComparison.OrdinalIgnoreCase) =>
            "Can two partial records of the same real person be linked through the synthetic data?",
        _ when attack.StartsWith("inference", StringComparison.OrdinalIgnoreCase) =>
            "Can a secret value of a real person be guessed from the values an attacker knows?",
        _ => "",
    };
}
