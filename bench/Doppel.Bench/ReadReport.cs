using System.Globalization;
using System.Text;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>The "Reading and fitting at scale (issue #13)" section of docs/benchmarks.md.</summary>
internal static class ReadReport
{
    public const long Rows = 1_000_000;

    /// <summary>What kind <c>read</c> measures: reading, then each fit at 1M rows.</summary>
    public static readonly string[] Variants = [ReadMeasurement.Reading, GaussianCopulaSynthesizer.SynthesizerName, "sequential-tree"];

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "read").ToDictionary(r => r.Synthesizer);
        if (measured.Count == 0) return;
        md.AppendLine("## Reading and fitting at scale (issue #13, Adult-shaped CSV of 1,000,000 rows)").AppendLine();
        md.AppendLine("| measurement | median (min-max) | floor | verdict | peak RSS |").AppendLine("|---|---|---|---|---|");
        if (measured.TryGetValue(ReadMeasurement.Reading, out var read))
        {
            double mb = read.Number("fileBytes") / 1e6;
            var sylvan = read.Raw.GetProperty("sylvanSeconds").EnumerateArray().Select(e => e.GetDouble()).Order().ToList();
            double s = sylvan[sylvan.Count / 2];
            md.AppendLine(string.Create(culture, $"| Sylvan raw parse (every field's span, nothing converted; the limit) | {mb / s:N0} MB/s ({mb / sylvan[^1]:N0}-{mb / sylvan[0]:N0}) | (anchor) | | |"));
            md.AppendLine(string.Create(culture, $"| Doppel read + detect + convert (`TableFiles.Load`, one thread) | {mb / read.Median:N0} MB/s ({mb / read.Max:N0}-{mb / read.Min:N0}); {read.Median / s:0.0}× Sylvan's time | 200 MB/s | {(mb / read.Median >= 200 ? "met" : "**missed**")} | {read.PeakRss / 1048576.0:N0} MiB |"));
        }
        foreach (var (name, floor) in new[] { (GaussianCopulaSynthesizer.SynthesizerName, 1.5), ("sequential-tree", 5.0) })
        {
            if (!measured.TryGetValue(name, out var fit)) continue;
            md.AppendLine(string.Create(culture, $"| {name} fit only (load {fit.Number("loadSeconds"):0.00} s separately) | {fit.Median:0.00} s ({fit.Min:0.00}-{fit.Max:0.00}) | {floor:0.0} s | {(fit.Median <= floor ? "met" : "**missed**")} | {fit.PeakRss / 1048576.0:N0} MiB |"));
        }
        md.AppendLine();
    }
}
