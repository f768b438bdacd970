using Doppel.Privacy.Dp;
using Doppel.Synthesizers.Bayes;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// MST's structure: a spanning tree of column pairs chosen privately against independence, their noisy two-way
/// marginals, and the tree model that best fits all measurements (<see cref="TreeEstimator"/>).
/// </summary>
internal static class PairTree
{
    public static MeasuredModel Measure(CodedColumns columns, double rhoSelection, double rhoTwoWay, NoiseSource noise, PrivacyAccountant accountant)
    {
        int d = columns.Count;
        int edgeCount = Math.Max(0, d - 1);
        double rhoEdge = edgeCount == 0 ? 0 : rhoTwoWay / edgeCount;
        double sigma = edgeCount == 0 ? 0 : Math.Sqrt(DiscreteGaussian.EffectiveVariance(1 / (2 * rhoEdge)));
        var shares = Enumerable.Range(0, d).Select(columns.Shares).ToArray();
        var pairs = TreeSelection.Pairs(d);
        var scores = TreeSelection.Scores(pairs, columns.Counts,
            (a, b, cell) => columns.Total * shares[a][cell / columns.Sizes[b]] * shares[b][cell % columns.Sizes[b]], sigma);
        var edges = TreeSelection.Kruskal(d, pairs, scores, edgeCount == 0 ? 0 : rhoSelection / edgeCount, noise, accountant);
        var twoWay = new List<double[]>();
        foreach (var (a, b) in edges)
        {
            accountant.Charge($"two-way marginal of '{columns.Names[a]}' and '{columns.Names[b]}' (discrete Gaussian, sigma {sigma:0.#})", rhoEdge);
            twoWay.Add(Noisy(columns.Counts(a, b), sigma, noise));
        }
        // From here on nothing reads the data.
        var estimator = new TreeEstimator(columns.Sizes, edges, columns.OneWay, columns.OneWayVariance, twoWay, [.. edges.Select(_ => sigma * sigma)], columns.Total);
        estimator.Fit();
        var (nodes, joints) = estimator.Marginals();
        var tables = new ConditionalTable[d];
        for (int j = 0; j < d; j++)
        {
            int parent = estimator.Parent[j];
            tables[j] = parent < 0
                ? new ConditionalTable { Parents = [], Radix = [], Codes = columns.Sizes[j], Counts = [.. nodes[j].Select(p => p * columns.Total)] }
                : new ConditionalTable { Parents = [columns.ColumnOf[parent]], Radix = [columns.Sizes[parent]], Codes = columns.Sizes[j], Counts = [.. joints[j]!.Select(p => p * columns.Total)] };
        }
        return new MeasuredModel([.. estimator.Order.Select(j => columns.ColumnOf[j])], tables);
    }

    /// <summary>Counts plus discrete Gaussian noise of deviation <paramref name="sigma"/>.</summary>
    public static double[] Noisy(double[] counts, double sigma, NoiseSource noise)
    {
        for (int k = 0; k < counts.Length; k++) counts[k] += DiscreteGaussian.Sample(sigma * sigma, noise);
        return counts;
    }
}
