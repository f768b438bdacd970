using System.Text.Json.Nodes;

namespace Doppel.Evaluation.Reporting;

/// <summary>One bar chart per scored column: the real and synthetic share of rows in each bin.</summary>
internal static class DistributionSection
{
    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "distributions");
        var columns = report.Objects("distributions").ToList();
        if (columns.Count == 0)
        {
            html.NotComputed("The report has no distributions.");
            ReportHtml.EndSection(html);
            return;
        }
        html.Raw("<p class=\"explain\">")
            .Text("Share of rows per bin, real beside synthetic. Numeric columns use the accuracy metric's bins (deciles of the real data); hover over a bar for exact shares.")
            .Raw("</p>\n<div class=\"charts\">\n");
        foreach (var column in columns)
        {
            string name = column.Str("column") ?? "(unnamed column)";
            string type = column.Str("type") ?? "";
            var bins = column.Objects("bins")
                .Select(b => new ChartBin(b.Str("label") ?? "(no label)", b.Num("real"), b.Num("synthetic")))
                .ToList();
            html.Raw("<figure>\n<figcaption>").Text(name);
            if (type.Length > 0) html.Raw("<span class=\"kind\">").Text(type).Raw("</span>");
            html.Raw("</figcaption>\n");
            string? note = null;
            if (bins.Count == 0) html.NotComputed("No bins for this column.");
            else if (type is "numerical" or "datetime") note = DistributionChart.Numeric(html, name, bins);
            else note = DistributionChart.Categorical(html, name, bins);
            if (note is not null) html.Raw("<p class=\"note\">").Text(note).Raw("</p>\n");
            html.Raw("</figure>\n");
        }
        html.Raw("</div>\n");
        ReportHtml.EndSection(html);
    }
}
