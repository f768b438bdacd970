using Doppel.Sampling;

namespace Doppel.Transforms;

/// <summary>
/// Frequency-interval encoding of a categorical: each level owns an interval of [0, 1) as wide as its share;
/// a row is encoded by a uniform draw inside its level's interval, mapped to a normal score. Works for any number
/// of levels (no one-hot). Levels are kept in the order given (the fit decides it).
/// </summary>
internal sealed class CategoricalMarginal
{
    private readonly double[] _thresholds; // normal scores of the interval boundaries between levels

    public CategoricalMarginal(double[] probabilities)
    {
        Probabilities = probabilities;
        Cumulative = new double[probabilities.Length + 1];
        for (int i = 0; i < probabilities.Length; i++) Cumulative[i + 1] = Cumulative[i] + probabilities[i];
        double total = Cumulative[^1];
        for (int i = 0; i < Cumulative.Length; i++) Cumulative[i] /= total;
        Cumulative[^1] = 1.0;
        _thresholds = new double[Math.Max(0, probabilities.Length - 1)];
        for (int i = 0; i < _thresholds.Length; i++) _thresholds[i] = Normal.Quantile(Cumulative[i + 1]);
    }

    /// <summary>Share of each level.</summary>
    public double[] Probabilities { get; }

    /// <summary>Interval boundaries: level i owns [Cumulative[i], Cumulative[i+1]).</summary>
    public double[] Cumulative { get; }

    /// <summary>A normal score for level <paramref name="level"/>, uniform within its interval.</summary>
    public double ToNormal(int level, ref RandomStream random)
    {
        double lo = Cumulative[level], hi = Cumulative[level + 1];
        double u = lo + (hi - lo) * random.NextOpenDouble();
        return Normal.Quantile(Math.Clamp(u, 1e-300, 1 - 1e-16));
    }

    /// <summary>The level whose interval holds normal score <paramref name="z"/>.</summary>
    public int FromNormal(double z)
    {
        var t = _thresholds;
        int lo = 0, hi = t.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (z < t[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Draws a level in proportion to the shares (used where no normal score drives it).</summary>
    public int Draw(ref RandomStream random)
    {
        double u = random.NextDouble();
        int lo = 0, hi = Probabilities.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (u < Cumulative[mid + 1]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
