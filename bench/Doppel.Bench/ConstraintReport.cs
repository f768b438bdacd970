using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Doppel.Bench;

/// <summary>The "Constraints (issue #6)" section of docs/benchmarks.md.</summary>
internal static class ConstraintReport
{
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "constraints").ToList();
        if (measured.Count == 0) return;
        md.AppendLine("## Constraints (issue #6)").AppendLine();
        md.AppendLine("A model fitted under the declared constraints samples the rows to CSV (seed 1); the file is read back and every constraint is " +
                      "checked by the bench's own code. Floor: every declared constraint holds in 100% of rows, on every synthesizer. " +
                      "Time: the same rows into memory with and without the constraints (same synthesizer). mst runs at epsilon 1 with a " +
                      "private domain and without the combination rule, which differential privacy does not allow.").AppendLine();
        foreach (var dataset in measured.GroupBy(m => m.Dataset))
        {
            var first = dataset.First();
            md.AppendLine(string.Create(culture, $"{dataset.Key}, {first.Rows:N0} synthetic rows. Declared (of the {first.TrainRows:N0} training rows, how many break it): ") +
                          string.Join("; ", Violations(first).Select(v => string.Create(culture, $"`{v.Key}` ({v.Value:N0})"))) + ".").AppendLine();
            md.AppendLine("| synthesizer | rows written | lowest share satisfied | unconstrained s | constrained s | ratio | verdict |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var m in dataset)
            {
                var shares = m.Raw.GetProperty("shares").EnumerateObject().Select(p => (p.Name, Share: p.Value.GetDouble())).ToList();
                var worst = shares.MinBy(s => s.Share);
                double constrained = Median(m.Raw.GetProperty("constrainedSeconds"));
                bool met = shares.All(s => s.Share == 1) && m.Raw.GetProperty("writtenRows").GetInt64() == m.Rows;
                md.AppendLine(string.Create(culture,
                    $"| {m.Synthesizer} | {m.Raw.GetProperty("writtenRows").GetInt64():N0} | {worst.Share:P2} (`{worst.Name}`) | {m.Median:0.000} | {constrained:0.000} | {constrained / m.Median:0.0}x | {(met ? "met" : "**missed**")} |"));
            }
            md.AppendLine();
        }
    }

    private static IEnumerable<KeyValuePair<string, long>> Violations(Measurement m) =>
        m.Raw.GetProperty("trainingViolations").EnumerateObject().Select(p => new KeyValuePair<string, long>(p.Name, p.Value.GetInt64()));

    private static double Median(JsonElement seconds)
    {
        var sorted = seconds.EnumerateArray().Select(e => e.GetDouble()).Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
