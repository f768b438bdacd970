namespace Doppel.Evaluation;

/// <summary>The mean that skips undefined (NaN) scores, as SDMetrics averages its properties.</summary>
internal static class NanMean
{
    /// <summary>The mean of the values that are not NaN; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The mean of <paramref name="a"/> and <paramref name="b"/>, skipping NaN.</summary>
    public static double Of(double a, double b) =>
        double.IsNaN(a) ? b : double.IsNaN(b) ? a : (a + b) / 2;
}
