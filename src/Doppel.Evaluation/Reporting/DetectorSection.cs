using System.Text.Json.Nodes;
using static Doppel.Evaluation.Reporting.ReportFormat;
using static System.FormattableString;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// What gives the synthetic rows away (part of the detection results): the columns the detector relied on most,
/// their real and synthetic distributions side by side, and the synthetic rows it is surest about. A report
/// without these parts (an older one) shows nothing here.
/// </summary>
internal static class DetectorSection
{
    /// <summary>Features listed in the importance table.</summary>
    private const int ListedFeatures = 10;

    public static void Write(Html html, JsonObject detection)
    {
        var features = detection.Objects("features").ToList();
        var giveaways = detection.Objects("giveaways").ToList();
        if (features.Count > 0 || giveaways.Count > 0)
        {
            html.Element("h3", "What gives the synthetic rows away").Raw("\n");
            if (features.Count > 0)
                html.Table(["Column", "Share of the detector's split gain"],
                    features.Take(ListedFeatures).Select(f => (IReadOnlyList<Cell>)[Cell.Label(f.Str("column") ?? "(unnamed column)"), Cell.Number(Percent(f.Num("importance")))]),
                    numeric: [false, true]);
            html.Raw("<p class=\"explain\">")
                .Text("The columns the classifier leaned on most to tell synthetic rows from real ones (LightGBM split gain, summed over the cross-validation models; a categorical column's categories count together). ")
                .Text(features.Count > ListedFeatures ? Invariant($"The top {ListedFeatures} of {features.Count} columns; ") : "")
                .Text("below, the top ones' real and synthetic distributions in the accuracy bins: where the bars differ is what to fix.")
                .Raw("</p>\n<div class=\"charts\">\n");
            foreach (var column in giveaways)
            {
                string name = column.Str("column") ?? "(unnamed column)";
                var bins = column.Objects("bins").Select(b => new ChartBin(b.Str("label") ?? "(no label)", b.Num("real"), b.Num("synthetic"))).ToList();
                html.Raw("<figure>\n<figcaption>").Text(name)
                    .Raw("<span class=\"kind\">").Text($"{Percent(column.Num("importance"))} of the gain").Raw("</span></figcaption>\n");
                string? note = null;
                if (bins.Count == 0) html.NotComputed("No bins for this column.");
                else if (column.Str("type") is "numerical" or "datetime") note = DistributionChart.Numeric(html, name, bins);
                else note = DistributionChart.Categorical(html, name, bins);
                if (note is not null) html.Raw("<p class=\"note\">").Text(note).Raw("</p>\n");
                html.Raw("</figure>\n");
            }
            html.Raw("</div>\n");
        }
        Surest(html, detection.Obj("surestSynthetic"));
    }

    /// <summary>The synthetic rows with the highest held-out scores, every column as the synthetic file spells it.</summary>
    private static void Surest(Html html, JsonObject? surest)
    {
        var columns = surest.Arr("columns")?.Select(c => ReportJson.AsString(c) ?? "(unnamed column)").ToList() ?? [];
        var rows = surest.Objects("rows").ToList();
        if (columns.Count == 0 || rows.Count == 0) return;
        html.Element("h3", "Synthetic rows the detector is surest about").Raw("\n");
        html.Raw("<div class=\"scroll\">\n");
        html.Table(["Score", .. columns],
            rows.Select(r =>
            {
                var values = r.Arr("values");
                var cells = new List<Cell> { Cell.Plain(r.Num("score")) };
                for (int c = 0; c < columns.Count; c++)
                    cells.Add(values is not null && c < values.Count && ReportJson.AsString(values[c]) is { } value ? Cell.Label(value) : Cell.Empty);
                return (IReadOnlyList<Cell>)cells;
            }),
            numeric: [true, .. columns.Select(_ => false)]);
        html.Raw("</div>\n<p class=\"explain\">")
            .Text("Synthetic rows (never real ones) with the highest probability of being synthetic, each scored by a model that did not train on it. Values as in the synthetic file.")
            .Raw("</p>\n");
    }
}
