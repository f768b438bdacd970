using System.Text.Json.Nodes;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Association heatmaps: real, synthetic, and synthetic minus real on a scale stretched to the largest
/// difference, so small but systematic differences stay visible.
/// </summary>
internal static class CorrelationSection
{
    /// <summary>Heatmaps wider than this get a row each instead of two side by side.</summary>
    private const double WideMap = 520;

    /// <summary>Pairs listed beside the difference map.</summary>
    private const int LargestPairs = 12;

    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "correlations");
        var correlations = report.Obj("correlations");
        var names = correlations.Arr("columns")?.Select(n => ReportJson.AsString(n) ?? "(unnamed)").ToList() ?? [];
        if (correlations is null || names.Count < 2)
        {
            html.NotComputed(correlations is null ? "The report has no correlations." : "Correlations need at least two columns.");
            ReportHtml.EndSection(html);
            return;
        }
        var real = Matrix(correlations.Arr("real"), names.Count);
        var synthetic = Matrix(correlations.Arr("synthetic"), names.Count);
        var difference = new double?[names.Count][];
        double largest = 0;
        for (int i = 0; i < names.Count; i++)
        {
            difference[i] = new double?[names.Count];
            for (int j = 0; j < names.Count; j++)
            {
                difference[i][j] = synthetic[i][j] - real[i][j];
                if (ReportFormat.IsFinite(difference[i][j])) largest = Math.Max(largest, Math.Abs(difference[i][j]!.Value));
            }
        }
        bool alone = Heatmap.Width(names) > WideMap;
        double range = new[] { 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2 }.First(r => r >= largest - 1e-12);

        html.Raw("<p class=\"explain\">")
            .Text("Pairwise association in [\u22121, 1]: Pearson's r between numeric columns, Cram\u00e9r's V (0 to 1) where a categorical column is involved. ")
            .Text($"The difference map shows synthetic minus real on a \u00b1{ReportFormat.Correlation(range)} scale: purple where the synthetic association is stronger, green where weaker.")
            .Raw(alone ? "</p>\n<div class=\"heatmaps one\">\n" : "</p>\n<div class=\"heatmaps\">\n");
        Figure(html, "Real", names, real, ColorScale.Association, 1, alone);
        Figure(html, "Synthetic", names, synthetic, ColorScale.Association, 1, alone);
        Figure(html, "Difference (synthetic \u2212 real)", names, difference, ColorScale.Difference, range, alone);
        LargestDifferences(html, names, real, synthetic, difference);
        html.Raw("</div>\n");
        ReportHtml.EndSection(html);
    }

    /// <summary>The pairs whose association changed most, so the difference map's darkest cells have names and numbers.</summary>
    private static void LargestDifferences(Html html, IReadOnlyList<string> names, double?[][] real, double?[][] synthetic, double?[][] difference)
    {
        var pairs = new List<(int I, int J, double Size)>();
        for (int i = 0; i < names.Count; i++)
            for (int j = i + 1; j < names.Count; j++)
                if (ReportFormat.IsFinite(difference[i][j])) pairs.Add((i, j, Math.Abs(difference[i][j]!.Value)));
        html.Raw("<figure>\n<figcaption>").Text("Largest differences").Raw("</figcaption>\n");
        if (pairs.Count == 0)
        {
            html.NotComputed("No pair has an association on both sides.");
        }
        else
        {
            var rows = pairs.OrderByDescending(p => p.Size).ThenBy(p => p.I).ThenBy(p => p.J).Take(LargestPairs)
                .Select(p => (IReadOnlyList<Cell>)[
                    Cell.Label($"{names[p.I]} \u00d7 {names[p.J]}", 44),
                    Cell.Number(ReportFormat.Correlation(real[p.I][p.J])),
                    Cell.Number(ReportFormat.Correlation(synthetic[p.I][p.J])),
                    Cell.Number(ReportFormat.Signed(difference[p.I][p.J]))]);
            html.Table(["Pair", "Real", "Synthetic", "Difference"], rows, "wide", [false, true, true, true]);
        }
        html.Raw("</figure>\n");
    }

    private static void Figure(Html html, string title, IReadOnlyList<string> names, double?[][] matrix, ColorScale scale, double range, bool alone)
    {
        html.Raw("<figure>\n<figcaption>").Text(title).Raw("</figcaption>\n");
        Heatmap.Render(html, title + " association matrix", names, matrix, scale, range, alone);
        html.Raw("</figure>\n");
    }

    /// <summary>A d × d matrix from nested arrays; missing or non-numeric entries are null.</summary>
    private static double?[][] Matrix(JsonArray? rows, int d)
    {
        var matrix = new double?[d][];
        for (int i = 0; i < d; i++)
        {
            matrix[i] = new double?[d];
            var row = rows is not null && i < rows.Count ? rows[i] as JsonArray : null;
            for (int j = 0; j < d; j++)
                matrix[i][j] = row is not null && j < row.Count ? ReportJson.AsNumber(row[j]) : null;
        }
        return matrix;
    }
}
