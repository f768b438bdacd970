using System.Text.Json.Nodes;

namespace Doppel.Evaluation.Reporting;

/// <summary>Validity checks per column, one row per column and one column per check.</summary>
internal static class DiagnosticsSection
{
    private static readonly Dictionary<string, string> Meaning = new(StringComparer.Ordinal)
    {
        ["BoundaryAdherence"] = "share of synthetic numbers inside the real min\u2013max",
        ["RangeCoverage"] = "how much of the real range the synthetic numbers cover",
        ["CategoryAdherence"] = "share of synthetic values that are real categories",
        ["CategoryCoverage"] = "share of real categories that appear in the synthetic data",
        ["KeyUniqueness"] = "share of unique key values",
    };

    public static void Write(Html html, JsonObject report)
    {
        ReportHtml.BeginSection(html, "diagnostics");
        var checks = new List<string>();
        var columns = new List<string>();
        var scores = new Dictionary<(string, string), double?>();
        foreach (var entry in report.Obj("diagnostics").Objects("columns"))
        {
            if (entry.Str("column") is not { } column || entry.Str("check") is not { } check) continue;
            if (!columns.Contains(column)) columns.Add(column);
            if (!checks.Contains(check)) checks.Add(check);
            scores[(column, check)] = entry.Num("score");
        }
        if (columns.Count == 0)
        {
            html.NotComputed("The report has no diagnostics.");
            ReportHtml.EndSection(html);
            return;
        }
        var rows = columns.Select(column => (IReadOnlyList<Cell>)[
            Cell.Label(column),
            .. checks.Select(check => scores.TryGetValue((column, check), out var s) ? Cell.Score(s) : Cell.Empty)]);
        html.Table(["Column", .. checks], rows, numeric: [false, .. checks.Select(_ => true)]);
        var known = checks.Where(Meaning.ContainsKey).ToList();
        if (known.Count > 0)
            html.Raw("<p class=\"explain\">")
                .Text(string.Join("; ", known.Select(c => $"{c}: {Meaning[c]}")) + ". A dash: the check does not apply to the column's type.")
                .Raw("</p>\n");
        ReportHtml.EndSection(html);
    }
}
