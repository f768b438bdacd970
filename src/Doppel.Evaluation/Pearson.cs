namespace Doppel.Evaluation;

/// <summary>Pearson's correlation coefficient.</summary>
internal static class Pearson
{
    /// <summary>
    /// r of <paramref name="x"/> and <paramref name="y"/> over the rows where both are not NaN (two passes: means,
    /// then centred sums). NaN when fewer than two such rows or either column is constant on them.
    /// </summary>
    public static double Of(double[] x, double[] y)
    {
        double sumX = 0, sumY = 0;
        int n = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            sumX += x[i];
            sumY += y[i];
            n++;
        }
        if (n < 2) return double.NaN;
        double meanX = sumX / n, meanY = sumY / n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy)), -1, 1);
    }
}
