using Doppel.Privacy.Dp;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// MST's private choice of which column pairs to measure: a maximum spanning tree grown edge by edge (Kruskal), each
/// edge picked by the exponential mechanism among the pairs that join two components. A pair scores the L1 distance
/// between its true counts and what the noisy measurements already taken predict (sensitivity 1), minus the L1 noise
/// its own measurement would add (data-independent, as in AIM), so big tables must earn their noise.
/// </summary>
internal static class TreeSelection
{
    /// <summary>Every pair (a, b) with a &lt; b of <paramref name="d"/> columns.</summary>
    public static (int A, int B)[] Pairs(int d) => [.. Enumerable.Range(0, d).SelectMany(a => Enumerable.Range(a + 1, Math.Max(0, d - a - 1)).Select(b => (a, b)))];

    /// <summary>
    /// Scores every pair: Σ |true count − predicted count| over its cells
    /// (counted by <paramref name="count"/>, predicted by <paramref name="predict"/>), minus the expected L1 noise of
    /// measuring it with deviation <paramref name="measureSigma"/>.
    /// </summary>
    public static double[] Scores((int A, int B)[] pairs, Func<int, int, double[]> count, Func<int, int, int, double> predict, double measureSigma)
    {
        var scores = new double[pairs.Length];
        Parallelism.For(0, pairs.Length, p =>
        {
            var (a, b) = pairs[p];
            var counts = count(a, b);
            double l1 = 0;
            for (int cell = 0; cell < counts.Length; cell++) l1 += Math.Abs(counts[cell] - predict(a, b, cell));
            scores[p] = l1 - Math.Sqrt(2 / Math.PI) * measureSigma * counts.Length;
        });
        return scores;
    }

    /// <summary>The tree's edges, picked by the exponential mechanism (ρ <paramref name="rhoPerEdge"/> each, charged before each pick).</summary>
    public static List<(int A, int B)> Kruskal(int d, (int A, int B)[] pairs, double[] scores, double rhoPerEdge, NoiseSource noise, PrivacyAccountant accountant)
    {
        var edges = new List<(int A, int B)>();
        var component = Enumerable.Range(0, d).ToArray();
        int Find(int x) { while (component[x] != x) x = component[x] = component[component[x]]; return x; }
        double epsilon = ExponentialMechanism.EpsilonFor(rhoPerEdge);
        for (int step = 0; step < d - 1; step++)
        {
            var candidates = Enumerable.Range(0, pairs.Length).Where(p => Find(pairs[p].A) != Find(pairs[p].B)).ToArray();
            accountant.Charge($"choosing pair {step + 1} of {d - 1} (exponential mechanism)", rhoPerEdge);
            int pick = candidates[ExponentialMechanism.Select([.. candidates.Select(p => scores[p])], epsilon, 1, noise)];
            edges.Add(pairs[pick]);
            component[Find(pairs[pick].A)] = Find(pairs[pick].B);
        }
        return edges;
    }
}
