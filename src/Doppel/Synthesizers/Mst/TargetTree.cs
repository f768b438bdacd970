using Doppel.Privacy.Dp;
using Doppel.Synthesizers.Bayes;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// The structure when a target column is named (a tree-augmented naive Bayes, as in Friedman, Geiger and Goldszmidt
/// 1997): every other column depends on the target and on one other column, the pairs forming a tree chosen
/// privately. It measures the target with each column, and the target with each chosen pair (three-way); given the
/// target's class the model is a tree over the rest, estimated per class by <see cref="TreeEstimator"/>. A classifier
/// trained on its samples then sees how every column bears on the target, which MST's single tree may hide.
/// </summary>
internal static class TargetTree
{
    /// <summary>Share of the two-way budget spent on the target-with-column tables (the rest on the three-way ones).</summary>
    private const double PairShare = 1.0 / 3;

    public static MeasuredModel Measure(CodedColumns columns, int target, double rhoSelection, double rhoTwoWay, NoiseSource noise, PrivacyAccountant accountant)
    {
        int d = columns.Count;
        int[] features = [.. Enumerable.Range(0, d).Where(j => j != target)];
        int f = features.Length;
        int kt = columns.Sizes[target];
        int triples = Math.Max(0, f - 1);
        double rhoPair = f == 0 ? 0 : (triples == 0 ? rhoTwoWay : rhoTwoWay * PairShare) / f;
        double rhoTriple = triples == 0 ? 0 : rhoTwoWay * (1 - PairShare) / triples;
        double sigmaPair = f == 0 ? 0 : Math.Sqrt(DiscreteGaussian.EffectiveVariance(1 / (2 * rhoPair)));
        double sigmaTriple = triples == 0 ? 0 : Math.Sqrt(DiscreteGaussian.EffectiveVariance(1 / (2 * rhoTriple)));

        // The target with every column: per class, a noisy one-way marginal of the column.
        var withTarget = new double[f][];
        for (int i = 0; i < f; i++)
        {
            accountant.Charge($"two-way marginal of '{columns.Names[target]}' and '{columns.Names[features[i]]}' (discrete Gaussian, sigma {sigmaPair:0.#})", rhoPair);
            withTarget[i] = PairTree.Noisy(columns.Counts(target, features[i]), sigmaPair, noise);
        }
        var classTotals = ClassTotals(columns, target, withTarget, features, sigmaPair);

        // The tree over the other columns, scored against independence given the target.
        var pairs = TreeSelection.Pairs(f);
        var scores = TreeSelection.Scores(pairs, (a, b) => Triple(columns, target, features[a], features[b]), (a, b, cell) =>
        {
            int ka = columns.Sizes[features[a]], kb = columns.Sizes[features[b]];
            int t = cell / (ka * kb), x = cell / kb % ka, y = cell % kb;
            return classTotals[t] <= 0 ? 0 : Math.Max(0, withTarget[a][t * ka + x]) * Math.Max(0, withTarget[b][t * kb + y]) / classTotals[t];
        }, sigmaTriple);
        var edges = TreeSelection.Kruskal(f, pairs, scores, triples == 0 ? 0 : rhoSelection / triples, noise, accountant);
        var triple = new List<double[]>();
        foreach (var (a, b) in edges)
        {
            accountant.Charge($"three-way marginal of '{columns.Names[target]}', '{columns.Names[features[a]]}' and '{columns.Names[features[b]]}' (sigma {sigmaTriple:0.#})", rhoTriple);
            triple.Add(PairTree.Noisy(Triple(columns, target, features[a], features[b]), sigmaTriple, noise));
        }
        // From here on nothing reads the data.

        int[] sizes = [.. features.Select(j => columns.Sizes[j])];
        var nodes = new double[kt][][];
        var joints = new double[]?[kt][];
        TreeEstimator? shape = null;
        for (int t = 0; t < kt; t++)
        {
            double total = Math.Max(classTotals[t], 1);
            var oneWay = Enumerable.Range(0, f).Select(i => withTarget[i].AsSpan(t * sizes[i], sizes[i]).ToArray()).ToArray();
            var variance = Enumerable.Range(0, f).Select(i => Enumerable.Repeat(sigmaPair * sigmaPair, sizes[i]).ToArray()).ToArray();
            var twoWay = edges.Select((e, k) => triple[k].AsSpan(t * sizes[e.A] * sizes[e.B], sizes[e.A] * sizes[e.B]).ToArray()).ToList();
            var estimator = new TreeEstimator(sizes, edges, oneWay, variance, twoWay, [.. edges.Select(_ => sigmaTriple * sigmaTriple)], total);
            estimator.Fit();
            (nodes[t], joints[t]) = estimator.Marginals();
            shape = estimator;
        }

        var tables = new ConditionalTable[d];
        double[] targetCounts = [.. classTotals.Select(c => Math.Max(c, 0))];
        if (targetCounts.All(c => c == 0)) Array.Fill(targetCounts, 1.0); // the noise left no class positive
        tables[target] = new ConditionalTable { Parents = [], Radix = [], Codes = kt, Counts = targetCounts };
        for (int i = 0; i < f; i++)
        {
            int parent = shape!.Parent[i];
            int k = sizes[i];
            if (parent < 0)
            {
                var counts = new double[kt * k];
                for (int t = 0; t < kt; t++) for (int x = 0; x < k; x++) counts[t * k + x] = Math.Max(classTotals[t], 0) * nodes[t][i][x];
                tables[features[i]] = new ConditionalTable { Parents = [columns.ColumnOf[target]], Radix = [kt], Codes = k, Counts = counts };
            }
            else
            {
                int kp = sizes[parent];
                var counts = new double[kt * kp * k];
                for (int t = 0; t < kt; t++) for (int j = 0; j < kp * k; j++) counts[t * kp * k + j] = Math.Max(classTotals[t], 0) * joints[t]![i]![j];
                tables[features[i]] = new ConditionalTable { Parents = [columns.ColumnOf[target], columns.ColumnOf[features[parent]]], Radix = [kt, kp], Codes = k, Counts = counts };
            }
        }
        int[] order = [columns.ColumnOf[target], .. (shape?.Order ?? []).Select(i => columns.ColumnOf[features[i]])];
        return new MeasuredModel(order, tables);
    }

    /// <summary>The true counts of (target, a, b), the target's class slowest.</summary>
    private static double[] Triple(CodedColumns columns, int target, int a, int b)
    {
        int ka = columns.Sizes[a], kb = columns.Sizes[b];
        var counts = new double[columns.Sizes[target] * ka * kb];
        var ct = columns.Codes[target];
        var ca = columns.Codes[a];
        var cb = columns.Codes[b];
        for (int r = 0; r < ct.Length; r++) counts[(ct[r] * ka + ca[r]) * kb + cb[r]]++;
        return counts;
    }

    /// <summary>Rows per class, from the target's one-way counts and every pair table's row sums, weighted by precision.</summary>
    private static double[] ClassTotals(CodedColumns columns, int target, double[][] withTarget, int[] features, double sigmaPair)
    {
        int kt = columns.Sizes[target];
        var totals = new double[kt];
        for (int t = 0; t < kt; t++)
        {
            double w0 = 1 / columns.OneWayVariance[target][t];
            double weighted = w0 * columns.OneWay[target][t], weights = w0;
            for (int i = 0; i < features.Length; i++)
            {
                int k = columns.Sizes[features[i]];
                double w = 1 / (k * sigmaPair * sigmaPair);
                weighted += w * withTarget[i].AsSpan(t * k, k).ToArray().Sum();
                weights += w;
            }
            totals[t] = weighted / weights;
        }
        return totals;
    }
}
