using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>Issue #11's section of the report: the multi-table floors per database.</summary>
internal static class RelationalReport
{
    private static double Median(Measurement m, string property)
    {
        var values = m.Raw.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).Order().ToArray();
        return values[values.Length / 2];
    }

    public static string Summary(Measurement m)
    {
        string times = FormattableString.Invariant($"fit {Median(m, "fitSeconds"):0.000} s, sample {Median(m, "sampleSeconds"):0.000} s");
        return times + (m.Raw.TryGetProperty("overall", out _)
            ? FormattableString.Invariant($", overall {m.Number("overall"):0.000}, RI {m.Number("referentialIntegrity"):0.000}, bounds {m.Number("cardinalityBoundaryAdherence"):0.000}")
            : FormattableString.Invariant($", {m.Number("childRows"):N0} child rows, peak {m.PeakRss / 1048576.0:N0} MiB"));
    }

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results)
    {
        var relational = results.Where(r => r.Kind == "relational").ToList();
        if (relational.Count == 0) return;
        var culture = CultureInfo.InvariantCulture;
        md.AppendLine("## Floors (issue #11, whole databases)").AppendLine();
        md.AppendLine("| database | variant | fit s | sample s | cardinality | intertable trends (all pairs) | column shapes | column pair trends | overall | RI | bounds | worst per-table accuracy gap | peak MiB |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in relational)
        {
            string gap = m.Raw.TryGetProperty("perTable", out var perTable)
                ? perTable.EnumerateArray().Select(t => (Table: t.GetProperty("table").GetString(), Gap: t.GetProperty("gap").GetDouble())).MaxBy(t => t.Gap) is var (table, g) ? string.Create(culture, $"{g:0.000} ({table})") : ""
                : "";
            md.AppendLine(string.Create(culture,
                $"| {m.Dataset} | {m.Synthesizer}{(m.Synthesizer == "scale" ? $" ({m.Number("childRows"):N0} child rows)" : "")} | {Median(m, "fitSeconds"):0.000} | {Median(m, "sampleSeconds"):0.000} | {m.Number("cardinality"):0.000} | {m.Number("intertableTrends"):0.000} ({m.Number("intertableTrendsAllPairs"):0.000}) | {m.Number("columnShapes"):0.000} | {m.Number("columnPairTrends"):0.000} | {m.Number("overall"):0.000} | {m.Number("referentialIntegrity"):0.000} | {m.Number("cardinalityBoundaryAdherence"):0.000} | {gap} | {m.PeakRss / 1048576.0:N0} |"));
        }
        md.AppendLine();
    }
}
