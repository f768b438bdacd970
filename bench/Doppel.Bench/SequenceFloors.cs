using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Doppel.Bench;

/// <summary>Issue #12's section of the report: the sequence floors per dataset, MOSTLY AI's output beside Doppel's.</summary>
internal static class SequenceFloors
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(Measurement m) => string.Create(Invariant,
        $"accuracy {m.Number("accuracy"):0.000} (ceiling {m.Number("ceiling"):0.000}), coherence {m.Number("coherence"):0.000}, length {m.Number("lengthSimilarity"):0.000}, worst InterRow {Worst(m, "interRow").Score:0.000}, entity DCR {m.Number("entityDcrShare"):0.000}");

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results)
    {
        var sequences = results.Where(r => r.Kind == "sequences").ToList();
        if (sequences.Count == 0) return;
        md.AppendLine("## Floors (issue #12, sequences)").AppendLine();
        md.AppendLine("`mostly` scores MOSTLY AI's own synthetic output (published with the dataset) with the same code. Fit + sample: median of 3 runs after a warm-up. " +
            "Order holds: the share of sequences whose rows, in file order, have a non-decreasing year (MOSTLY AI's file is not written in step order). Definitions: docs/metrics.md, \"Sequences\".").AppendLine();
        md.AppendLine("| dataset | generator | fit + sample s | accuracy | ceiling | uni / bi / tri | coherence (ceiling) | length similarity | worst StatisticMSAS | worst InterRowMSAS | entity DCR share | order holds | extend continues | peak MiB |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in sequences)
        {
            var stat = Worst(m, "statistics");
            var inter = Worst(m, "interRow");
            string time = m.Raw.TryGetProperty("fitSampleSeconds", out var t) ? Median(t).ToString("0.00", Invariant) : "n/a";
            md.AppendLine(string.Create(Invariant,
                $"| {m.Dataset} | {m.Synthesizer} | {time} | {m.Number("accuracy"):0.000} | {N(m, "ceiling")} | {m.Number("univariate"):0.000} / {m.Number("bivariate"):0.000} / {m.Number("trivariate"):0.000} | {m.Number("coherence"):0.000} ({N(m, "ceilingCoherence")}) | {m.Number("lengthSimilarity"):0.000} | {stat.Score:0.000} ({stat.Name}) | {inter.Score:0.000} ({inter.Name}) | {N(m, "entityDcrShare")} | {m.Number("orderHolds"):0.000} | {N(m, "extendContinued")} | {m.PeakRss / 1048576.0:N0} |"));
        }
        md.AppendLine();
        foreach (var m in sequences.Where(s => s.Raw.TryGetProperty("autocorrelation", out var a) && a.GetArrayLength() > 0 && s.Dataset == "beijing_air_quality"))
        {
            var dayStat = Worst(m, "dayStatistics");
            var dayInter = Worst(m, "dayInterRow");
            md.AppendLine(string.Create(Invariant, $"{m.Dataset} ({m.Synthesizer}): per station (12 sequences, so each KS score is a multiple of 1/12) above; as days (windows of 24 steps, 4,380 sequences): accuracy {m.Number("dayAccuracy"):0.000}, worst StatisticMSAS {dayStat.Score:0.000} ({dayStat.Name}), worst InterRowMSAS {dayInter.Score:0.000} ({dayInter.Name}).")).AppendLine();
            md.AppendLine(string.Create(Invariant, $"Mean TEMP by hour of day: largest deviation {m.Number("hourOfDayTempDeviation"):P1} of the real mean. Autocorrelation real / synthetic:")).AppendLine();
            md.AppendLine("| column | lag | real | synthetic | difference |").AppendLine("|---|---|---|---|---|");
            foreach (var a in m.Raw.GetProperty("autocorrelation").EnumerateArray())
            {
                double real = a.GetProperty("real").GetDouble(), synthetic = a.GetProperty("synthetic").GetDouble();
                md.AppendLine(string.Create(Invariant, $"| {a.GetProperty("column").GetString()} | {a.GetProperty("lag").GetInt32()} | {real:0.000} | {synthetic:0.000} | {Math.Round(synthetic - real, 3) + 0.0:+0.000;-0.000;+0.000} |"));
            }
            md.AppendLine();
        }
    }

    private static (string Name, double Score) Worst(Measurement m, string property)
    {
        if (!m.Raw.TryGetProperty(property, out var list) || list.GetArrayLength() == 0) return ("", double.NaN);
        return list.EnumerateArray()
            .Where(e => e.GetProperty("score").ValueKind == JsonValueKind.Number)
            .Select(e => (Name: e.GetProperty("column").GetString() + (e.TryGetProperty("statistic", out var s) ? " " + s.GetString() : ""), Score: e.GetProperty("score").GetDouble()))
            .MinBy(e => e.Score);
    }

    private static string N(Measurement m, string property) => double.IsFinite(m.Number(property)) ? m.Number(property).ToString("0.000", Invariant) : "n/a";

    private static double Median(JsonElement values)
    {
        var sorted = values.EnumerateArray().Select(e => e.GetDouble()).Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
