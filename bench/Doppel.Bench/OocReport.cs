using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>The "Out-of-core fit" section of docs/benchmarks.md (issue #13's floors).</summary>
internal static class OocReport
{
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "ooc").ToList();
        if (measured.Count == 0) return;
        md.AppendLine("## Out-of-core fit (issue #13)").AppendLine();
        md.AppendLine("Adult-shaped CSV (sampled from a copula fitted on Adult), fitted out of core in a fresh process: one run each, " +
            "reading included (the fit is two passes over the file for the copula, one pass drawing a seeded sample of 1,000,000 rows " +
            "for the others). Floors: peak RSS at most 1 GB, time linear in rows; accuracy of the out-of-core copula within 0.002 of " +
            "the in-memory fit on the 1M file." +
            (measured.Any(m => m.Rows >= 100_000_000) ? " A synthesizer without a 100,000,000 row was not measured at 100M (10.8 GB of CSV)." : " 100M rows (about 10.8 GB of CSV) was not measured.")).AppendLine();
        md.AppendLine("| synthesizer | rows | file MB | fit s | rows/s | peak RSS | verdict |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in measured.Where(m => m.Synthesizer != OocMeasurement.AccuracyCase).OrderBy(m => m.Synthesizer, StringComparer.Ordinal).ThenBy(m => m.Rows))
        {
            bool met = m.PeakRss <= 1L << 30;
            md.AppendLine(string.Create(culture,
                $"| {m.Synthesizer} | {m.Rows:N0} | {m.Number("fileBytes") / 1e6:N0} | {m.Median:0.0} | {m.Rows / m.Median:N0} | {m.PeakRss / 1048576.0:N0} MiB | {(met ? "met" : "**missed**")} |"));
        }
        foreach (var m in measured.Where(m => m.Synthesizer == OocMeasurement.AccuracyCase))
        {
            double a = m.Number("inMemoryAccuracy"), b = m.Number("streamedAccuracy");
            md.AppendLine().AppendLine(string.Create(culture,
                $"Accuracy on the {m.Rows:N0}-row file (200,000 synthetic rows): in memory {a:0.0000} (fit {m.Number("inMemoryFitSeconds"):0.0} s from the loaded table), " +
                $"out of core {b:0.0000} (fit {m.Median:0.0} s from the file); difference {Math.Abs(a - b):0.0000}: {(Math.Abs(a - b) <= 0.002 ? "met" : "**missed**")}."));
        }
        md.AppendLine();
    }
}
