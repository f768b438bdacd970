namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// Learns the network greedily (Chow-Liu for one parent, PrivBayes' greedy k-parent search without its noise): start
/// from one end of the strongest pairwise dependence, then repeatedly place the (column, parent set) pair with the
/// highest score among the unplaced columns and parent sets of at most k placed columns. The score is
/// n·I(X; parents) minus a weighted BIC penalty w·½·ln(n)·(|X|−1)·(configurations−1), so high-cardinality parents
/// win only when the data support them; tables are also capped in configurations and cells.
/// </summary>
/// <remarks>
/// Incremental: scores of a (column, parent set) pair never change, so placing a column only scores the new parent
/// sets that contain it. Sets of several parents are drawn from each column's <see cref="BayesSettings.CandidateParents"/>
/// strongest single parents, so the cost is about columns² + columns · C(candidates, k) passes over the rows. Deterministic: ties go to the lower column index.
/// </remarks>
internal static class StructureLearner
{
    /// <summary>The sampling order and, per column of <paramref name="columns"/>, its parents (indices into <paramref name="columns"/>).</summary>
    public static (int[] Order, int[][] Parents) Learn(DiscreteColumn[] columns, int rows, BayesSettings settings)
    {
        int count = columns.Length;
        var parents = new int[count][];
        if (count == 0) return ([], parents);
        var best = new (double Score, int[] Parents)[count];
        Array.Fill(best, (0.0, []));
        bool[] eligible = [.. columns.Select(c => c.Codes <= settings.MaxParentCodes && c.UsedCodes > 1)];
        var placed = new List<int>();
        var open = Enumerable.Range(0, count).ToList();

        // Root: the parent side of the best-scoring pair (the lower-index column if nothing depends on anything).
        int root = 0;
        double rootScore = 0;
        var pair = new double[count * count];
        Parallelism.For(0, count, x =>
        {
            for (int y = 0; y < count; y++)
                pair[x * count + y] = x != y && eligible[y] ? Score(columns, x, [y], rows, settings) : double.NegativeInfinity;
        });
        for (int x = 0; x < count; x++)
            for (int y = 0; y < count; y++)
                if (pair[x * count + y] > rootScore) { rootScore = pair[x * count + y]; root = y; }

        // Per column: the columns that may share a parent set, its strongest single parents.
        var candidates = new HashSet<int>[count];
        for (int x = 0; x < count; x++)
            candidates[x] = [.. Enumerable.Range(0, count).Where(y => pair[x * count + y] > double.NegativeInfinity)
                .OrderByDescending(y => pair[x * count + y]).ThenBy(y => y).Take(settings.CandidateParents)];

        int next = root; // best[root] is still (0, []): the root has no parents
        while (true)
        {
            placed.Add(next);
            open.Remove(next);
            parents[next] = best[next].Parents;
            if (open.Count == 0) break;
            if (eligible[next] && settings.MaxParents > 0)
            {
                int added = next;
                var openNow = open.ToArray();
                Parallelism.For(0, openNow.Length, j =>
                {
                    int x = openNow[j];
                    if (pair[x * count + added] == double.NegativeInfinity) return;
                    // Sets of several parents only from x's strongest single parents, so the search stays polynomial
                    // of low degree in the column count.
                    var others = placed.Where(p => p != added && candidates[x].Contains(p)).ToArray();
                    var sets = candidates[x].Contains(added) ? Subsets(others, settings.MaxParents - 1) : [[]];
                    foreach (var set in sets.Select(s => (int[])[.. s, added]))
                    {
                        double score = Score(columns, x, set, rows, settings);
                        if (score > best[x].Score) best[x] = (score, set);
                    }
                });
            }
            next = open[0];
            foreach (int x in open)
                if (best[x].Score > best[next].Score) next = x;
        }
        return ([.. placed], parents);
    }

    /// <summary>Subsets of <paramref name="items"/> with at most <paramref name="size"/> members, the empty one first.</summary>
    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        yield return [];
        if (size <= 0) yield break;
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Subsets(items[(i + 1)..], size - 1))
                yield return [items[i], .. rest];
    }

    /// <summary>
    /// n·I(X; parents) − penalty, or −∞ when the parents' table would be too big. Mutual information from the joint
    /// counts: H(X) + H(parents) − H(X, parents).
    /// </summary>
    private static double Score(DiscreteColumn[] columns, int x, int[] set, int rows, BayesSettings settings)
    {
        var own = columns[x];
        long configurations = 1;
        long usedConfigurations = 1;
        foreach (int p in set)
        {
            configurations *= columns[p].Codes;
            usedConfigurations *= columns[p].UsedCodes;
        }
        if (configurations > settings.MaxConfigurations || configurations * own.Codes > settings.MaxCells) return double.NegativeInfinity;
        var joint = new int[configurations * own.Codes];
        var labels = own.Labels;
        for (int i = 0; i < rows; i++)
        {
            int config = 0;
            foreach (int p in set) config = config * columns[p].Codes + columns[p].Labels[i];
            joint[config * own.Codes + labels[i]]++;
        }
        var ofConfig = new double[configurations];
        var ofOwn = new double[own.Codes];
        double h = 0; // Σ c·ln c over the joint
        for (int config = 0, j = 0; config < configurations; config++)
            for (int c = 0; c < own.Codes; c++, j++)
            {
                int n = joint[j];
                if (n == 0) continue;
                h += n * Math.Log(n);
                ofConfig[config] += n;
                ofOwn[c] += n;
            }
        // n·I = Σ n_xy ln n_xy − Σ n_x ln n_x − Σ n_y ln n_y + n ln n
        double nI = h + rows * Math.Log(rows);
        foreach (double n in ofConfig) if (n > 0) nI -= n * Math.Log(n);
        foreach (double n in ofOwn) if (n > 0) nI -= n * Math.Log(n);
        double penalty = settings.Penalty * 0.5 * Math.Log(rows) * (own.UsedCodes - 1) * (usedConfigurations - 1);
        return nI - penalty;
    }
}
