using Doppel.Sampling;

namespace Doppel.Transforms;

/// <summary>
/// An empirical marginal distribution: at most 1,000 quantile knots at evenly spaced probabilities, read off the
/// protected quantile function of <see cref="ProtectedTails"/> (means of disjoint blocks of at least k = 5 values,
/// the k − 1 most extreme values on each side counted but never used, tails extrapolated), so no knot is a value
/// only one row holds or can be solved back to one. Point masses (a column that is 90% zeros) survive as runs of
/// equal knots; the first and last knots (extrapolated) bound what is sampled.
/// Sampling maps a standard normal score to a value without evaluating Φ on the hot path: the knots' normal scores
/// are precomputed and the value is interpolated between neighbouring knots.
/// </summary>
internal sealed class QuantileMarginal
{
    public const int MaxKnots = 1000;

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

    /// <summary>Fits knots to at least <see cref="ProtectedTails.MinValues"/> sorted non-null values.</summary>
    public static QuantileMarginal Fit(ReadOnlySpan<double> sorted)
    {
        var (p, q) = ProtectedTails.QuantileFunction(sorted);
        return FromQuantileFunction(p, q);
    }

    /// <summary>Knots read off a protected piecewise-linear quantile function (values <paramref name="q"/> at probabilities <paramref name="p"/>, from 0 to 1).</summary>
    internal static QuantileMarginal FromQuantileFunction(double[] p, double[] q, int? knotCount = null)
    {
        int k = knotCount ?? Math.Min(MaxKnots, p.Length);
        var knots = new double[k];
        int segment = 0;
        for (int i = 0; i < k; i++)
        {
            double position = i == k - 1 ? 1 : (double)i / (k - 1);
            while (segment < p.Length - 2 && p[segment + 1] < position) segment++;
            double span = p[segment + 1] - p[segment];
            knots[i] = Lerp(q[segment], q[segment + 1], span > 0 ? Math.Clamp((position - p[segment]) / span, 0, 1) : 0);
        }
        return new QuantileMarginal(knots);
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
