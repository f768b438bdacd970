using Doppel.Transforms;

namespace Doppel.Streaming;

/// <summary>
/// A numeric column's quantile function from a second pass, under <see cref="ProtectedTails"/>' rules: the sketch of
/// the first pass only places cut points (at most <see cref="MaxCuts"/>); the second pass counts and sums the values
/// exactly per slice — each cut value is a slice of its own (a point mass), and so is each open interval between
/// two cuts. The k − 1 most extreme values on each side (known exactly from the first pass) are taken out by count,
/// slices of fewer than k values are merged into a neighbour, and every point of the quantile function is the mean of
/// one merged slice (at its mid rank): a mean of at least k values, never one row's value. Mergeable by addition.
/// </summary>
internal sealed class NumericSlices
{
    /// <summary>Cut points taken from the sketch (slices are at most twice as many).</summary>
    public const int MaxCuts = 4000;

    private readonly double[] _cuts;

    public NumericSlices(double[] cuts)
    {
        _cuts = cuts;
        Counts = new long[2 * cuts.Length + 1];
        Sums = new double[Counts.Length];
    }

    /// <summary>Cut points at evenly spaced ranks of the sketch, distinct and ascending.</summary>
    public static double[] CutsOf(QuantileSketch sketch)
    {
        int cuts = (int)Math.Min(MaxCuts, Math.Max(1, sketch.Count / ProtectedTails.K));
        var values = new SortedSet<double>();
        for (int i = 1; i <= cuts; i++) values.Add(sketch.Quantile((double)i / (cuts + 1)));
        return [.. values];
    }

    /// <summary>The cut points.</summary>
    public IReadOnlyList<double> Cuts => _cuts;

    /// <summary>Values per slice: slice 2i is the open interval below cut i, slice 2i + 1 the cut value itself.</summary>
    public long[] Counts { get; }

    /// <summary>Sums of the values per open slice (a cut's slice needs none: its values are all the cut).</summary>
    public double[] Sums { get; }

    public void Add(double value)
    {
        int lo = 0, hi = _cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_cuts[mid] < value) lo = mid + 1; else hi = mid;
        }
        int slice = lo < _cuts.Length && _cuts[lo] == value ? 2 * lo + 1 : 2 * lo;
        Counts[slice]++;
        if ((slice & 1) == 0) Sums[slice] += value;
    }

    public void Merge(NumericSlices other)
    {
        for (int s = 0; s < Counts.Length; s++) { Counts[s] += other.Counts[s]; Sums[s] += other.Sums[s]; }
    }

    /// <summary>
    /// The protected quantile function (as <see cref="ProtectedTails.QuantileFunction"/>: points at probabilities P
    /// with values Q, the ends at 0 and 1 extrapolated) and the slices' shares (for the attenuation of ties), given
    /// the exact extremes of the first pass: <paramref name="lowest"/> ascending, <paramref name="highest"/> descending.
    /// </summary>
    public (double[] P, double[] Q, double[] Shares) QuantileFunction(long valid, IReadOnlyList<double> lowest, IReadOnlyList<double> highest)
    {
        var counts = (long[])Counts.Clone();
        var sums = (double[])Sums.Clone();
        // Take the trimmed extremes out of their slices, by count (their values never enter a mean).
        for (int t = 0; t < ProtectedTails.Trimmed; t++)
        {
            Remove(counts, sums, lowest[t]);
            Remove(counts, sums, highest[t]);
        }
        // Group slices so that each holds at least k values: a slice of k or more is a group of its own (a point
        // mass stays pure); smaller ones gather until they reach k, and a remainder joins the group before it.
        var groups = new List<Group>();
        var pending = new Group();
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] == 0) continue;
            bool isCut = (s & 1) == 1;
            var slice = new Group { Count = counts[s], Sum = isCut ? counts[s] * _cuts[s / 2] : sums[s], CutCount = isCut ? counts[s] : 0, Cut = isCut ? _cuts[s / 2] : double.NaN };
            if (slice.Count >= ProtectedTails.K)
            {
                if (pending.Count > 0 && groups.Count > 0) groups[^1] = groups[^1].With(pending);
                else if (pending.Count > 0) slice = pending.With(slice);
                groups.Add(slice);
                pending = new Group();
            }
            else
            {
                pending = pending.With(slice);
                if (pending.Count >= ProtectedTails.K) { groups.Add(pending); pending = new Group(); }
            }
        }
        if (pending.Count > 0)
        {
            if (groups.Count > 0) groups[^1] = groups[^1].With(pending);
            else groups.Add(pending);
        }
        var points = new List<(double Rank, double Value)>();
        long start = ProtectedTails.Trimmed;
        foreach (var g in groups)
        {
            double value = g.CutCount == g.Count ? g.Cut : g.Sum / g.Count;
            if (g.CutCount >= 0.9 * g.Count && g.Count >= 2 * ProtectedTails.K)
            {
                // (Mostly) a point mass: flat from its first block of k to its last, as the in-memory blocks would be,
                // at the mass's own value (held by at least 2k rows), not moved by a few neighbours gathered into it.
                points.Add((start + ProtectedTails.K / 2.0, g.Cut));
                points.Add((start + g.Count - ProtectedTails.K / 2.0, g.Cut));
            }
            else points.Add((start + g.Count / 2.0, value));
            start += g.Count;
        }
        int m = points.Count;
        var p = new double[m + 2];
        var q = new double[m + 2];
        for (int j = 0; j < m; j++) { p[j + 1] = points[j].Rank / valid; q[j + 1] = points[j].Value; }
        p[^1] = 1;
        if (m == 1) { q[0] = q[1]; q[^1] = q[1]; }
        else
        {
            q[0] = ProtectedTails.Extrapolate(q[1], p[1], q[2], p[2], 0);
            q[^1] = ProtectedTails.Extrapolate(q[^2], p[^2], q[^3], p[^3], 1);
        }
        double coreLow = lowest[ProtectedTails.Trimmed], coreHigh = highest[ProtectedTails.Trimmed];
        if (coreLow >= 0) q[0] = Math.Max(q[0], 0);
        if (coreHigh <= 0) q[^1] = Math.Min(q[^1], 0);
        var shares = counts.Where(c => c > 0).Select(c => (double)c / valid).ToArray();
        return (p, q, shares);
    }

    /// <summary>Consecutive slices taken together: values, their sum, and how many of them are one cut value.</summary>
    private readonly record struct Group(long Count, double Sum, long CutCount, double Cut)
    {
        public Group With(Group next) => Count == 0 ? next : new(Count + next.Count, Sum + next.Sum,
            Math.Max(CutCount, next.CutCount), CutCount >= next.CutCount ? Cut : next.Cut);
    }

    private void Remove(long[] counts, double[] sums, double value)
    {
        int lo = 0, hi = _cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_cuts[mid] < value) lo = mid + 1; else hi = mid;
        }
        int slice = lo < _cuts.Length && _cuts[lo] == value ? 2 * lo + 1 : 2 * lo;
        counts[slice]--;
        if ((slice & 1) == 0) sums[slice] -= value;
    }
}
