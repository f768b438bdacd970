using Doppel.Synthesizers.Trees;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// Discretizes a numeric or datetime column for the network: a value held by many rows (at least k and a bin's
/// share, e.g. capital-gain 0) is a bin of its own; the other values fill at most <see cref="BayesSettings.MaxBins"/>
/// equal-count quantile bins (ties never split); null is the last code. Each bin keeps a smoothed summary of its
/// values (<see cref="NumericLeaf"/>), never a single row's value.
/// </summary>
internal static class NumericBinning
{
    /// <summary>
    /// Bins <paramref name="values"/> (NaN for null): per row its code, and per bin its summary, which the column's
    /// extremes outside <paramref name="tails"/>' core join only as mass.
    /// </summary>
    public static (int[] Labels, NumericLeaf[] Bins) Fit(double[] values, int maxBins, int pointMin, ProtectedTails? tails)
    {
        var rows = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
        var sorted = rows.Select(i => values[i]).ToArray();
        Array.Sort(sorted, rows);
        int m = sorted.Length;

        // Runs of equal values; heavy runs become bins of their own.
        var runs = new List<(int From, int To)>();
        for (int a = 0; a < m;)
        {
            int b = a + 1;
            while (b < m && sorted[b] == sorted[a]) b++;
            runs.Add((a, b));
            a = b;
        }
        double heavyMin = Math.Max(pointMin, (double)m / maxBins);
        int heavyRows = runs.Where(r => r.To - r.From >= heavyMin).Sum(r => r.To - r.From);
        double target = Math.Max(1, (double)(m - heavyRows) / maxBins);

        var bins = new List<(int From, int To, bool Heavy)>();
        int start = -1;
        foreach (var (from, to) in runs)
        {
            if (to - from >= heavyMin)
            {
                if (start >= 0) Close(bins, start, from, target);
                bins.Add((from, to, true));
                start = -1;
                continue;
            }
            if (start < 0) start = from;
            if (to - start >= target) { bins.Add((start, to, false)); start = -1; }
        }
        if (start >= 0) Close(bins, start, m, target);

        var labels = new int[values.Length];
        Array.Fill(labels, bins.Count); // null
        var leaves = new NumericLeaf[bins.Count];
        for (int b = 0; b < bins.Count; b++)
        {
            var (from, to, _) = bins[b];
            for (int j = from; j < to; j++) labels[rows[j]] = b;
            leaves[b] = NumericLeaf.Fit(new ArraySegment<double>(sorted, from, to - from), pointMin, tails);
        }
        return (labels, leaves);
    }

    /// <summary>Adds the open bin [from, to), merged into the bin before it when under half a bin and both are not heavy.</summary>
    private static void Close(List<(int From, int To, bool Heavy)> bins, int from, int to, double target)
    {
        if (to - from < target / 2 && bins.Count > 0 && !bins[^1].Heavy && bins[^1].To == from)
            bins[^1] = (bins[^1].From, to, false);
        else
            bins.Add((from, to, false));
    }
}
