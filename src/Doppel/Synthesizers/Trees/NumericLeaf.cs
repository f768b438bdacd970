using Doppel.Sampling;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// A numeric leaf's distribution without its rows: the null share, point masses (a value held by at least k rows of
/// the leaf, e.g. capital-gain 0, reproduced exactly) and at most <see cref="MaxKnots"/> knots for the other values,
/// each the mean of an equal share (at least two) of them in sorted order: a smoothed quantile function that stores
/// no single row's value. A draw interpolates linearly between knots at a uniform position (extending the outer
/// segments into the tails), so values held by fewer than k rows are never written back.
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
    /// Summarizes a leaf: <paramref name="sorted"/> are its non-null values in ascending order, <paramref name="rows"/>
    /// its row count, <paramref name="pointMin"/> the rows a value needs to be kept exactly.
    /// </summary>
    public static NumericLeaf Fit(ReadOnlySpan<double> sorted, int rows, int pointMin)
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
        // One distinct leftover value cannot be smoothed; its rows join the point masses (or, with none, the
        // column-wide fallback) rather than being written back.
        int restRows = rest.Count > 0 && rest[0] != rest[^1] ? rest.Count : 0;
        double[] knots = [];
        if (restRows > 0)
        {
            // Each knot is the mean of a block of at least two consecutive values, so no single row's value is stored.
            int k = Math.Min(MaxKnots, restRows / 2);
            knots = new double[k];
            for (int j = 0; j < k; j++)
            {
                int from = (int)((long)j * restRows / k), to = (int)((long)(j + 1) * restRows / k);
                double mean = 0; // a running mean: a plain sum overflows near ±1e308
                for (int r = from; r < to; r++) mean += (rest[r] - mean) / (r - from + 1);
                knots[j] = mean;
            }
        }
        double valueRows = sorted.Length - (rest.Count - restRows);
        double valueShare = rows == 0 ? 0 : (double)sorted.Length / rows;
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
    /// <paramref name="sorted"/> are all non-null training values. A column of one rarely seen value keeps it, as the
    /// copula's marginal would.
    /// </summary>
    public static NumericLeaf Column(ReadOnlySpan<double> sorted, int pointMin)
    {
        if (sorted.Length == 0) return new NumericLeaf { NullShare = 1 };
        var leaf = Fit(sorted, sorted.Length, pointMin);
        return leaf.NeedsFallback ? new NumericLeaf { Points = [sorted[0]], PointShares = [1] } : leaf;
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
