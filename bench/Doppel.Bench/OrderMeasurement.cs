using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// The learned-order floor (kind <c>order</c>, nyc_taxis): without any constraint, the share of synthetic trips whose
/// dropoff is before their pickup is at most twice the real share; with <c>pickup &lt; dropoff</c> declared, the median
/// trip lasts within 10% of the real median. Also measured with learned rules off, for comparison.
/// </summary>
internal static class OrderMeasurement
{
    public const string Constraint = "pickup < dropoff";

    public static Dictionary<string, object> Run(Dataset dataset, string synthesizer)
    {
        var load = Stopwatch.StartNew();
        var (train, _, metadata) = dataset.Load();
        var result = new Dictionary<string, object>
        {
            ["kind"] = "order", ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = 0L,
            ["trainRows"] = train.RowCount, ["columns"] = train.Columns.Count, ["loadSeconds"] = load.Elapsed.TotalSeconds,
        };
        var options = new SampleOptions { Seed = 1 };
        var (realShare, realMedian) = Trips(train);
        result["realBackwardShare"] = realShare;
        result["realMedianMinutes"] = realMedian;
        var watch = Stopwatch.StartNew();
        var learned = SynthesizerCatalog.Create(synthesizer).Fit(train, metadata);
        result["seconds"] = new[] { watch.Elapsed.TotalSeconds }; // the fit with learned rules
        result["learnedRules"] = learned.LearnedRules;
        (result["backwardShare"], result["medianMinutes"]) = Trips(learned.Sample(train.RowCount, options));
        var off = new SynthesizerOptions { LearnRules = false };
        (result["backwardShareWithoutRules"], _) = Trips(SynthesizerCatalog.Create(synthesizer, off).Fit(train, metadata).Sample(train.RowCount, options));
        var declared = ConstrainedFit.Fit(SynthesizerCatalog.Create(synthesizer, off), train, metadata, new() { Constraints = [Constraint] }).Model;
        (_, result["constrainedMedianMinutes"]) = Trips(declared.Sample(train.RowCount, options));
        return result;
    }

    /// <summary>Share of trips with dropoff before pickup, and the median duration in minutes (rows with both).</summary>
    private static (double BackwardShare, double MedianMinutes) Trips(Table table)
    {
        var (pickup, dropoff) = ((DateTimeColumn)table["pickup"], (DateTimeColumn)table["dropoff"]);
        var minutes = Enumerable.Range(0, table.RowCount).Where(i => !pickup.IsNull(i) && !dropoff.IsNull(i))
            .Select(i => (dropoff.Ticks[i] - pickup.Ticks[i]) / (double)TimeSpan.TicksPerMinute).Order().ToArray();
        return ((double)minutes.Count(m => m < 0) / minutes.Length, minutes[minutes.Length / 2]);
    }

    /// <summary>The "Learned order" section of docs/benchmarks.md.</summary>
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "order").ToList();
        if (measured.Count == 0) return;
        var first = measured[0];
        md.AppendLine("## Learned order (issues #10 and #15)").AppendLine();
        md.AppendLine(string.Create(culture,
            $"nyc_taxis training rows ({first.TrainRows:N0}), as many synthetic rows, seed 1. Real: {first.Number("realBackwardShare"):P2} of trips end before they start, " +
            $"median trip {first.Number("realMedianMinutes"):0.00} min. Floors: no constraint declared, a backward share at most twice the real one; " +
            $"`{Constraint}` declared (learned rules off), median within 10% of the real one.")).AppendLine();
        md.AppendLine("| synthesizer | backward share | without learned rules | median min | declared: median min | verdict |").AppendLine("|---|---|---|---|---|---|");
        foreach (var m in measured)
        {
            double real = m.Number("realMedianMinutes"), declared = m.Number("constrainedMedianMinutes");
            bool met = m.Number("backwardShare") <= 2 * m.Number("realBackwardShare") && Math.Abs(declared - real) <= 0.1 * real;
            md.AppendLine(string.Create(culture,
                $"| {m.Synthesizer} | {m.Number("backwardShare"):P2} | {m.Number("backwardShareWithoutRules"):P2} | {m.Number("medianMinutes"):0.00} | {declared:0.00} | {(met ? "met" : "**missed**")} |"));
        }
        md.AppendLine();
    }
}
