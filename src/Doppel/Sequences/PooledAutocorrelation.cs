namespace Doppel.Sequences;

/// <summary>
/// The autocorrelation of a column over many sequences, pooled: each value centred by its own sequence's mean,
/// Σ (x_t − m)(x_(t+lag) − m) over Σ (x_t − m)², sums over every sequence longer than the lag, pairs with a null (NaN)
/// skipped. The fit uses it to find smooth columns, the evaluation to compare real and synthetic series.
/// </summary>
internal static class PooledAutocorrelation
{
    /// <summary>The pooled autocorrelation at <paramref name="lag"/>; NaN when no sequence is long enough or every value is its sequence's mean.</summary>
    public static double Of(IEnumerable<int[]> sequences, double[] values, int lag)
    {
        double numerator = 0, denominator = 0;
        bool any = false;
        foreach (var rows in sequences)
        {
            if (rows.Length <= lag) continue;
            double sum = 0;
            int n = 0;
            foreach (int r in rows) if (!double.IsNaN(values[r])) { sum += values[r]; n++; }
            if (n < 2) continue;
            double mean = sum / n;
            foreach (int r in rows) if (!double.IsNaN(values[r])) denominator += (values[r] - mean) * (values[r] - mean);
            for (int t = 0; t + lag < rows.Length; t++)
            {
                double a = values[rows[t]], b = values[rows[t + lag]];
                if (double.IsNaN(a) || double.IsNaN(b)) continue;
                numerator += (a - mean) * (b - mean);
                any = true;
            }
        }
        return !any || denominator == 0 ? double.NaN : numerator / denominator;
    }
}
