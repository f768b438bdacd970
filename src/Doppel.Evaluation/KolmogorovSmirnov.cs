namespace Doppel.Evaluation;

/// <summary>The two-sample Kolmogorov–Smirnov statistic.</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>
    /// D = max over x of |F_a(x) − F_b(x)| for the empirical CDFs of two ascending, non-empty samples, by one merge
    /// pass (ties move both CDFs together). O(n + m) after sorting.
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double v = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= v) i++;
            while (j < b.Length && b[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }
}
