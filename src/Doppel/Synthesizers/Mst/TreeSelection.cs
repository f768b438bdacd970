using Doppel.Privacy.Dp;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// MST's private choice of which column pairs to measure: a maximum spanning tree grown edge by edge (Kruskal), each
/// edge picked by the exponential mechanism among the pairs that join two components. A pair scores the L1 distance
/// between its true two-way counts and what the noisy one-way marginals predict under independence (sensitivity 1),
/// minus the L1 noise its measurement would add (data-independent, as in AIM), so big tables must earn their noise.
/// </summary>
internal static class TreeSelection
{
    /// <summary>The tree's edges (pairs of indices into <paramref name="codes"/>).</summary>
    /// <param name="codes">Per column, per row its group.</param>
    /// <param name="groups">Per column its number of groups.</param>
    /// <param name="oneWay">Per column the estimated share of each group (from the noisy one-way marginals).</param>
    /// <param name="total">The estimated number of rows.</param>
    /// <param name="measureSigma">The noise deviation a two-way measurement will get.</param>
    /// <param name="rhoPerEdge">ρ each pick may spend.</param>
    /// <param name="noise">The noise source.</param>
    /// <param name="accountant">Charged before each pick.</param>
    public static List<(int A, int B)> Select(int[][] codes, int[] groups, double[][] oneWay, double total, double measureSigma,
        double rhoPerEdge, NoiseSource noise, PrivacyAccountant accountant)
    {
        int d = codes.Length;
        var edges = new List<(int A, int B)>();
        if (d < 2) return edges;
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < d; a++) for (int b = a + 1; b < d; b++) pairs.Add((a, b));
        var scores = new double[pairs.Count];
        Parallelism.For(0, pairs.Count, p =>
        {
            var (a, b) = pairs[p];
            var counts = new double[groups[a] * groups[b]];
            var ca = codes[a];
            var cb = codes[b];
            for (int i = 0; i < ca.Length; i++) counts[ca[i] * groups[b] + cb[i]]++;
            double l1 = 0;
            for (int x = 0; x < groups[a]; x++)
                for (int y = 0; y < groups[b]; y++)
                    l1 += Math.Abs(counts[x * groups[b] + y] - total * oneWay[a][x] * oneWay[b][y]);
            scores[p] = l1 - Math.Sqrt(2 / Math.PI) * measureSigma * counts.Length;
        });

        var component = Enumerable.Range(0, d).ToArray();
        int Find(int x) { while (component[x] != x) x = component[x] = component[component[x]]; return x; }
        double epsilon = ExponentialMechanism.EpsilonFor(rhoPerEdge);
        for (int step = 0; step < d - 1; step++)
        {
            var candidates = Enumerable.Range(0, pairs.Count).Where(p => Find(pairs[p].A) != Find(pairs[p].B)).ToArray();
            accountant.Charge($"choosing pair {step + 1} of {d - 1} (exponential mechanism)", rhoPerEdge);
            int pick = candidates[ExponentialMechanism.Select([.. candidates.Select(p => scores[p])], epsilon, 1, noise)];
            edges.Add(pairs[pick]);
            component[Find(pairs[pick].A)] = Find(pairs[pick].B);
        }
        return edges;
    }
}
