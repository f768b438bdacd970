using Doppel.Sampling;

namespace Doppel.Transforms;

/// <summary>
/// An empirical marginal distribution: at most 1,000 quantile knots at evenly spaced probabilities, each the mean of
/// the <see cref="Window"/> order statistics nearest its position, so no knot is a value only one row holds (the
/// largest salary is not kept; the mean of the five largest is). Point masses (a column that is 90% zeros) survive as
/// runs of equal knots; the first and last knots bound what is sampled.
/// Sampling maps a standard normal score to a value without evaluating Φ on the hot path: the knots' normal scores
/// are precomputed and the value is interpolated between neighbouring knots.
/// </summary>
internal sealed class QuantileMarginal
{
    public const int MaxKnots = 1000;

    /// <summary>Values averaged into each knot: GUIDE's k = 5, the size below which a category is protected too.</summary>
    public const int Window = 5;

    private readonly double[] _knots;
    private readonly double[] _thresholds; // Φ⁻¹(i / (K - 1)); first is -∞, last is +∞

    public QuantileMarginal(double[] knots)
    {
        if (knots.Length == 0) throw new ArgumentException("A marginal needs at least one knot.", nameof(knots));
        _knots = knots;
        int k = knots.Length;
        _thresholds = new double[k];
        for (int i = 0; i < k; i++) _thresholds[i] = k == 1 ? 0 : Normal.Quantile((double)i / (k - 1));
    }

    /// <summary>The knots (sorted ascending).</summary>
    public double[] Knots => _knots;

    /// <summary>Fits knots to the sorted non-null values: each the mean of the <see cref="Window"/> order statistics around its position.</summary>
    public static QuantileMarginal Fit(ReadOnlySpan<double> sorted)
    {
        int n = sorted.Length;
        int k = Math.Min(MaxKnots, n);
        int window = Math.Min(Window, n);
        var knots = new double[k];
        for (int i = 0; i < k; i++)
        {
            double position = k == 1 ? 0 : (double)i / (k - 1) * (n - 1);
            // The window centred on the position, shifted inward at the ends; windows slide forward, so knots never decrease.
            int first = Math.Clamp((int)Math.Round(position) - window / 2, 0, n - window);
            knots[i] = Mean(sorted.Slice(first, window));
        }
        return new QuantileMarginal(knots);
    }

    /// <summary>The mean, exact for equal values (a point mass stays a point) and without overflow near ±1e308.</summary>
    private static double Mean(ReadOnlySpan<double> values)
    {
        if (values[0] == values[^1]) return values[0];
        double mean = 0;
        for (int i = 0; i < values.Length; i++) mean += (values[i] - mean) / (i + 1);
        return Math.Clamp(mean, values[0], values[^1]);
    }

    /// <summary>The value at standard normal score <paramref name="z"/>.</summary>
    public double FromNormal(double z)
    {
        var knots = _knots;
        int k = knots.Length;
        if (k == 1) return knots[0];
        var t = _thresholds;
        // Binary search for the interval [t[i], t[i+1]) holding z.
        int lo = 0, hi = k - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (z < t[mid]) hi = mid; else lo = mid;
        }
        double frac;
        if (lo == 0 || hi == k - 1)
            frac = Normal.Cdf(z) * (k - 1) - lo; // the open tail intervals: exact through Φ
        else
            frac = (z - t[lo]) / (t[hi] - t[lo]);
        frac = Math.Clamp(frac, 0, 1);
        return Lerp(knots[lo], knots[hi], frac);
    }

    /// <summary>Interpolates without computing b − a, which overflows for values near ±1e308.</summary>
    private static double Lerp(double a, double b, double t) => a == b ? a : (1 - t) * a + t * b;
}
