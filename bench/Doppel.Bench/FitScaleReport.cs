using System.Globalization;
using System.Text;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>The "Fitting from the file and the Parquet sink at scale (issue #13)" section of docs/benchmarks.md.</summary>
internal static class FitScaleReport
{
    /// <summary>What kind <c>fitscale</c> measures: each fit from the file, then the two sinks.</summary>
    public static readonly string[] Variants = [GaussianCopulaSynthesizer.SynthesizerName, "sequential-tree", FitScaleMeasurement.Sinks];

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "fitscale").ToDictionary(r => r.Synthesizer);
        if (measured.Count == 0) return;
        md.AppendLine("## Fitting from the file and the Parquet sink (issue #13, Adult-shaped CSV of 1,000,000 rows)").AppendLine();
        md.AppendLine("| measurement | median (min-max) | floor | verdict | peak RSS |").AppendLine("|---|---|---|---|---|");
        foreach (var (name, floor) in new[] { (GaussianCopulaSynthesizer.SynthesizerName, 1.5), ("sequential-tree", 5.0) })
        {
            if (!measured.TryGetValue(name, out var fit)) continue;
            md.AppendLine(string.Create(culture, $"| {name} load + fit from the file (load {Median(fit, "loadSeconds"):0.00} s, fit {Median(fit, "fitSeconds"):0.00} s) | {fit.Median:0.00} s ({fit.Min:0.00}-{fit.Max:0.00}) | {floor:0.0} s | {(fit.Median <= floor ? "met" : "**missed**")} | {fit.PeakRss / 1048576.0:N0} MiB |"));
        }
        if (measured.TryGetValue(FitScaleMeasurement.Sinks, out var sinks))
        {
            double csv = Median(sinks, "csvSeconds");
            double ratio = csv / sinks.Median;
            md.AppendLine(string.Create(culture, $"| gaussian-copula sample into CSV | {sinks.Rows / csv:N0} rows/s | (anchor) | | |"));
            md.AppendLine(string.Create(culture, $"| gaussian-copula sample into Parquet | {sinks.Rows / sinks.Median:N0} rows/s ({sinks.Rows / sinks.Max:N0}-{sinks.Rows / sinks.Min:N0}); {ratio:P0} of CSV's | 70% of CSV's | {(ratio >= 0.7 ? "met" : "**missed**")} | {sinks.PeakRss / 1048576.0:N0} MiB |"));
        }
        md.AppendLine();
    }

    private static double Median(Measurement m, string property)
    {
        var values = m.Raw.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).Order().ToList();
        return values[values.Count / 2];
    }
}
