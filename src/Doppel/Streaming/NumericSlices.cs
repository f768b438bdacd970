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
        // Merge consecutive slices until each group holds at least k values; a short tail joins the last group.
        var groups = new List<(long Count, double Sum, double Cut)>(); // Cut: the value when the group is one cut's slice, else NaN
        long count = 0;
        double sum = 0, cut = double.NaN;
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] == 0) continue;
            bool isCut = (s & 1) == 1;
            cut = count == 0 && isCut ? _cuts[s / 2] : double.NaN;
            count += counts[s];
            sum += isCut ? counts[s] * _cuts[s / 2] : sums[s];
            if (count >= ProtectedTails.K) { groups.Add((count, sum, cut)); count = 0; sum = 0; }
        }
        if (count > 0)
        {
            if (groups.Count == 0) groups.Add((count, sum, cut));
            else groups[^1] = (groups[^1].Count + count, groups[^1].Sum + sum, double.NaN);
        }
        var points = new List<(double Rank, double Value)>();
        long start = ProtectedTails.Trimmed;
        foreach (var (n, total, value) in groups)
        {
            if (!double.IsNaN(value) && n >= 2 * ProtectedTails.K)
            {
                // A point mass: flat from its first block of k to its last, as the in-memory blocks would be.
                points.Add((start + ProtectedTails.K / 2.0, value));
                points.Add((start + n - ProtectedTails.K / 2.0, value));
            }
            else points.Add((start + n / 2.0, double.IsNaN(value) ? total / n : value));
            start += n;
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
