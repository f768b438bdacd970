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
        Membership(html, privacy.Obj("membershipInference"));
        ReportHtml.EndSection(html);
    }

    /// <summary>The distance-based membership-inference attack and, for a DP model, the bound on its advantage.</summary>
    private static void Membership(Html html, JsonObject? m)
    {
        if (m is null) return; // a report of an earlier minor revision
        html.Element("h3", "Membership inference").Raw("\n");
        var bound = m.Obj("dpBound");
        string budget = bound is null ? "" : $"\u03b5 = {Score(bound.Num("epsilon"))}, \u03b4 = {bound.Num("delta")?.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) ?? NotAvailable}";
        IReadOnlyList<Cell>[] rows =
        [
            [Cell.Text("Attack AUC"), Cell.Number(Score(m.Num("auc")), RiskClass(2 * Math.Abs((m.Num("auc") ?? double.NaN) - 0.5))),
                Cell.Number($"{Score(m.Num("aucLow"))} \u2013 {Score(m.Num("aucHigh"))}"),
                Cell.Text("Chance that a training row is closer to the synthetic data than a holdout row. 0.5: the synthetic data does not tell members from non-members.", "explain-col")],
            [Cell.Text("Advantage (max TPR \u2212 FPR)"), Cell.Number(Score(m.Num("advantage")), RiskClass(m.Num("advantage"))),
                Cell.Text($"chance \u2264 {Score(m.Num("nullAdvantage95"))}", "num"),
                Cell.Text("The best threshold's true-positive rate minus its false-positive rate. Below the chance level (95% of attacks on unrelated data stay below it) it is noise.", "explain-col")],
            [Cell.Text("TPR at FPR \u2264 10%"), Cell.Number(Percent(m.Num("tprAtFpr10"))), Cell.Text("chance 10%", "num"),
                Cell.Text("Members found while wrongly accusing at most one non-member in ten.", "explain-col")],
            [Cell.Text("Formal bound (DP)"), Cell.Number(bound is null ? "none" : Score(bound.Num("advantageBound"))),
                Cell.Text(bound is null ? "" : budget, "num"),
                Cell.Text(bound is null
                    ? "No formal bound: the synthetic data does not come from a differentially private model with a known (\u03b5, \u03b4)."
                    : "No attack on an (\u03b5, \u03b4)-DP model can have an advantage above (e^\u03b5 \u2212 1 + 2\u03b4) / (e^\u03b5 + 1) (Humphries et al. 2023).", "explain-col")],
        ];
        html.Table(["Measure", "Value", "Reference", "What it means"], rows, "wide", numeric: [false, true, true, false]);
        html.Raw("<p class=\"explain\">")
            .Text($"{Count(m.Num("members"))} training rows (members) and {Count(m.Num("nonMembers"))} holdout rows (non-members), each scored by its distance to the closest of {Count(m.Num("syntheticRows"))} synthetic rows.")
            .Raw("</p>\n");
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
