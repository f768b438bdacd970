using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Sequences;

/// <summary>
/// SDMetrics-compatible sequence metrics (GUIDE section 10), each a KSComplement between real and synthetic per-sequence
/// values, and the autocorrelation of numeric columns at chosen lags.
/// </summary>
internal static class SequenceShapes
{
    /// <summary>The statistics of StatisticMSAS, in report order.</summary>
    public static readonly string[] Statistics = ["mean", "std", "min", "max"];

    /// <summary>SequenceLengthSimilarity: 1 − KS of the lengths of the sequences present (as SDMetrics counts them, from the sequence table).</summary>
    public static double LengthSimilarity(SequenceFrame real, SequenceFrame synthetic) =>
        KsComplement([.. real.Entities.Where(e => e.Length > 0).Select(e => (double)e.Length)],
                     [.. synthetic.Entities.Where(e => e.Length > 0).Select(e => (double)e.Length)]);

    /// <summary>The numerical step columns, the ones the per-sequence metrics score.</summary>
    public static IEnumerable<string> NumericColumns(SequenceFrame frame) =>
        frame.StepColumns.Columns.Where(c => c.Type == SemanticType.Numerical && frame.Steps[c.Name] is NumberColumn).Select(c => c.Name);

    /// <summary>StatisticMSAS: 1 − KS of the per-sequence <paramref name="statistic"/> (mean, std with n − 1, min, max) of non-null values.</summary>
    public static double Statistic(SequenceFrame real, SequenceFrame synthetic, string column, string statistic) =>
        KsComplement(PerSequence(real, column, statistic), PerSequence(synthetic, column, statistic));

    /// <summary>InterRowMSAS: 1 − KS of the per-sequence mean of x[t + 1] − x[t] (pairs with a null skipped).</summary>
    public static double InterRow(SequenceFrame real, SequenceFrame synthetic, string column) =>
        KsComplement(MeanSteps(real, column), MeanSteps(synthetic, column));

    /// <summary>
    /// The autocorrelation at <paramref name="lag"/>, pooled over sequences: each value centred by its sequence's mean,
    /// Σ (x_t − m)(x_(t+lag) − m) over Σ (x_t − m)², pairs with a null skipped; NaN when no sequence is long enough.
    /// </summary>
    public static double Autocorrelation(SequenceFrame frame, string column, int lag) =>
        Doppel.Sequences.PooledAutocorrelation.Of(frame.Entities, NumericValues.Read(frame.Steps[column]), lag);

    private static double[] PerSequence(SequenceFrame frame, string column, string statistic)
    {
        var values = NumericValues.Read(frame.Steps[column]);
        var result = new List<double>(frame.Entities.Length);
        foreach (var rows in frame.Entities)
        {
            var x = rows.Select(r => values[r]).Where(v => !double.IsNaN(v)).ToArray();
            if (x.Length == 0 || (statistic == "std" && x.Length < 2)) continue;
            double mean = x.Average();
            result.Add(statistic switch
            {
                "mean" => mean,
                "std" => Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)),
                "min" => x.Min(),
                "max" => x.Max(),
                _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "Not a StatisticMSAS statistic."),
            });
        }
        return [.. result];
    }

    private static double[] MeanSteps(SequenceFrame frame, string column)
    {
        var values = NumericValues.Read(frame.Steps[column]);
        var result = new List<double>(frame.Entities.Length);
        foreach (var rows in frame.Entities)
        {
            double sum = 0;
            int n = 0;
            for (int t = 0; t + 1 < rows.Length; t++)
            {
                double d = values[rows[t + 1]] - values[rows[t]];
                if (double.IsNaN(d)) continue;
                sum += d;
                n++;
            }
            if (n > 0) result.Add(sum / n);
        }
        return [.. result];
    }

    private static double KsComplement(double[] real, double[] synthetic)
    {
        if (real.Length == 0 || synthetic.Length == 0) return double.NaN;
        Array.Sort(real);
        Array.Sort(synthetic);
        return 1 - KolmogorovSmirnov.Statistic(real, synthetic);
    }
}
