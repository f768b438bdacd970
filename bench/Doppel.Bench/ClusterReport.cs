using System.Globalization;
using System.Text;

namespace Doppel.Bench;

/// <summary>The "Sampling on a cluster (issue #13)" section of docs/benchmarks.md.</summary>
internal static class ClusterReport
{
    public const long Rows = 10_000_000;

    /// <summary>The size issue #13's floor names.</summary>
    public const long FloorRows = 100_000_000;

    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var all = results.Where(r => r.Kind == "cluster").ToList();
        if (all.Count == 0) return;
        md.AppendLine($"## Sampling on a cluster (issue #13, Adult gaussian-copula, {ClusterMeasurement.Parts} Parquet parts)").AppendLine();
        md.AppendLine("Silos are processes of the bench harness on loopback, each pinned to its own core (`taskset`) and sampling with one thread; `local` is one process on one core. Floor: 2 silos at least 1.8× the rows/s of 1 silo, with the digest of the single-process run, at 100,000,000 rows (one run each, kind `cluster100m`); 10,000,000 rows: median of 3 after a warm-up (kind `cluster`). Run it by hand with `doppel cluster silo` and `doppel sample --cluster` (docs/scale.md).").AppendLine();
        md.AppendLine("| variant | rows | median s (min-max) | rows/s | × 1 silo | digest = local | verdict |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var size in all.GroupBy(r => r.Rows).OrderBy(g => g.Key))
        {
            var measured = size.ToDictionary(r => r.Synthesizer);
            measured.TryGetValue(ClusterMeasurement.OneSilo, out var one);
            measured.TryGetValue(ClusterMeasurement.Local, out var local);
            foreach (string variant in ClusterMeasurement.Variants)
            {
                if (!measured.TryGetValue(variant, out var m)) continue;
                double ratio = one is null ? double.NaN : one.Median / m.Median;
                string digest = m.Raw.GetProperty("datasetDigest").GetString()!;
                bool same = local is not null && local.Raw.GetProperty("datasetDigest").GetString() == digest;
                string verdict = variant == ClusterMeasurement.TwoSilos ? (ratio >= 1.8 && same ? "met" : "**missed**") : "";
                md.AppendLine(string.Create(culture, $"| {variant} | {m.Rows:N0} | {m.Median:0.00} ({m.Min:0.00}-{m.Max:0.00}) | {m.Rows / m.Median:N0} | {ratio:0.00} | {(local is null ? "n/a" : same ? "yes" : "**no**")} | {verdict} |"));
            }
        }
        md.AppendLine();
    }
}
