using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// A numeric leaf's distribution without its rows: the null share, point masses (a value held by at least k rows of
/// the leaf, e.g. capital-gain 0, reproduced exactly) and at most <see cref="MaxKnots"/> knots for the other values,
/// each the mean of a disjoint block of at least k = 5 of them in sorted order: a smoothed quantile function that
/// stores no single row's value. The column's most extreme values (outside the core of <see cref="ProtectedTails"/>)
/// count towards the leaf's mass but never join a knot. A draw interpolates linearly between knots at a uniform
/// position (extending the outer segments into the tails), so values held by fewer than k rows are never written back.
/// </summary>
internal sealed class NumericLeaf
{
    /// <summary>Most knots a leaf keeps.</summary>
    public const int MaxKnots = 16;

    /// <summary>Share of nulls.</summary>
    public double NullShare { get; init; }

    /// <summary>Values held by at least k rows.</summary>
    public double[] Points { get; init; } = [];

    /// <summary>Share of each point mass.</summary>
    public double[] PointShares { get; init; } = [];

    /// <summary>Means of equal shares of the remaining values, ascending (empty: none, or too few to smooth).</summary>
    public double[] Knots { get; init; } = [];

    /// <summary>
    /// Summarizes a leaf: <paramref name="values"/> are its values (NaN for null), <paramref name="pointMin"/> the
    /// rows a value needs to be kept exactly, <paramref name="tails"/> the column's protection (null: the column
    /// has too few values to model, so the leaf is all null).
    /// </summary>
    public static NumericLeaf Fit(IEnumerable<double> values, int pointMin, ProtectedTails? tails)
    {
        var kept = new List<double>();
        int rows = 0, trimmed = 0;
        foreach (double v in values)
        {
            rows++;
            if (double.IsNaN(v) || tails is null) continue;
            if (tails.Keeps(v)) kept.Add(v); else trimmed++;
        }
        kept.Sort();
        return Fit(kept.ToArray(), rows, trimmed, pointMin);
    }

    /// <summary>
    /// The leaf of <paramref name="rows"/> rows whose kept values are <paramref name="sorted"/> (ascending) and
    /// <paramref name="trimmed"/> more values count as mass only.
    /// </summary>
    private static NumericLeaf Fit(ReadOnlySpan<double> sorted, int rows, int trimmed, int pointMin)
    {
        var points = new List<double>();
        var pointCounts = new List<int>();
        var rest = new List<double>();
        for (int a = 0; a < sorted.Length;)
        {
            int b = a + 1;
            while (b < sorted.Length && sorted[b] == sorted[a]) b++;
            if (b - a >= pointMin) { points.Add(sorted[a]); pointCounts.Add(b - a); }
            else for (int j = a; j < b; j++) rest.Add(sorted[j]);
            a = b;
        }
        // Fewer than k leftover values (or one distinct one) cannot be smoothed; their rows join the point masses
        // (or, with none, the column-wide fallback) rather than being written back.
        int restRows = rest.Count >= ProtectedTails.K && rest[0] != rest[^1] ? rest.Count : 0;
        double[] knots = [];
        if (restRows > 0)
        {
            // Each knot is the mean of a disjoint block of at least k consecutive values, so no single row's value is stored.
            int k = Math.Min(MaxKnots, restRows / ProtectedTails.K);
            knots = new double[k];
            for (int j = 0; j < k; j++)
            {
                int from = (int)((long)j * restRows / k), to = (int)((long)(j + 1) * restRows / k);
                knots[j] = ProtectedTails.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rest)[from..to]);
            }
        }
        double valueRows = sorted.Length - (rest.Count - restRows);
        double valueShare = rows == 0 ? 0 : (double)(sorted.Length + trimmed) / rows;
        return new NumericLeaf
        {
            NullShare = rows == 0 ? 1 : 1 - valueShare,
            Points = [.. points],
            PointShares = valueRows == 0 ? [] : [.. pointCounts.Select(c => valueShare * c / valueRows)],
            Knots = knots,
        };
    }

    /// <summary>
    /// The column-wide distribution that serves leaves whose few values could not be smoothed:
    /// <paramref name="values"/> are all training values (NaN for null). When even the whole column cannot be
    /// smoothed (a very high <paramref name="pointMin"/>), it is the mean of the column's core values.
    /// </summary>
    public static NumericLeaf Column(double[] values, int pointMin, ProtectedTails? tails)
    {
        var present = values.Where(v => !double.IsNaN(v));
        if (tails is null) return new NumericLeaf { NullShare = 1 };
        var leaf = Fit(present, pointMin, tails);
        if (!leaf.NeedsFallback) return leaf;
        var core = present.Where(tails.Keeps).Order().ToArray();
        return new NumericLeaf { Points = [ProtectedTails.Mean(core)], PointShares = [1] };
    }

    /// <summary>Whether draws need the column-wide fallback (values present but neither points nor knots).</summary>
    public bool NeedsFallback => NullShare < 1 && Points.Length == 0 && Knots.Length == 0;

    /// <summary>
    /// The smallest and largest value <see cref="Draw"/> can return (before the column clamps and rounds), or
    /// (+∞, −∞) when it only returns null: what a condition on the column can rule out without drawing.
    /// </summary>
    public (double Low, double High) Reach(NumericLeaf fallback)
    {
        if (NullShare >= 1) return (double.PositiveInfinity, double.NegativeInfinity);
        if (NeedsFallback) return fallback.Reach(fallback);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double p in Points) { low = Math.Min(low, p); high = Math.Max(high, p); }
        int k = Knots.Length;
        if (k == 1) { low = Math.Min(low, Knots[0]); high = Math.Max(high, Knots[0]); }
        else if (k > 1)
        {
            // The outer half-segments continue the end slopes (see Draw).
            low = Math.Min(low, Math.Min(Knots[0], Knots[0] - 0.5 * (Knots[1] - Knots[0])));
            high = Math.Max(high, Math.Max(Knots[^1], Knots[^1] + 0.5 * (Knots[^1] - Knots[^2])));
        }
        return (low, high);
    }

    /// <summary>Draws a value (NaN for null); <paramref name="fallback"/> serves leaves that kept nothing.</summary>
    public double Draw(ref RandomStream random, NumericLeaf fallback)
    {
        double u = random.NextDouble();
        if (u < NullShare) return double.NaN;
        if (NeedsFallback) return fallback.Draw(ref random, fallback);
        u -= NullShare;
        for (int j = 0; j < Points.Length; j++)
        {
            if (u < PointShares[j]) return Points[j];
            u -= PointShares[j];
        }
        if (Knots.Length == 0) return Points[^1];
        // Knot j sits at probability (j + ½)/k; the half-shares beyond the first and last knots continue their
        // segment's slope (the column's bounds clamp the result), so the leaf's tails are not cut off.
        int k = Knots.Length;
        if (k == 1) return Knots[0];
        double position = random.NextDouble() * k - 0.5;
        int lo = Math.Clamp((int)Math.Floor(position), 0, k - 2);
        return Knots[lo] + (position - lo) * (Knots[lo + 1] - Knots[lo]);
    }
}
