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
/// strongest single parents, so the cost is about columns² + columns · C(candidates, k) passes over the rows; above
/// <see cref="BayesSettings.WideColumns"/> columns single parents come from <see cref="ParentScreen"/>, so columns ·
/// screened parents. Deterministic: ties go to the lower column index.
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

        // Single parents scored per column: every column, or on wide tables those a cheap screen finds likely
        // (ParentScreen), which keeps the cost near linear in the columns.
        bool wide = count > settings.WideColumns;
        int[][] screened = wide ? ParentScreen.Candidates(columns, rows, settings.ScreenedParents) : new int[count][];
        if (!wide) { var all = Enumerable.Range(0, count).ToArray(); Array.Fill(screened, all); }
        var pair = new double[count][]; // pair[x][i]: score of screened[x][i] as x's only parent
        Parallelism.For(0, count, x =>
        {
            var ys = screened[x];
            pair[x] = new double[ys.Length];
            for (int i = 0; i < ys.Length; i++)
                pair[x][i] = ys[i] != x && eligible[ys[i]] ? Score(columns, x, [ys[i]], rows, settings) : double.NegativeInfinity;
        });
        double PairScore(int x, int y)
        {
            int i = wide ? Array.BinarySearch(screened[x], y) : y;
            return i >= 0 ? pair[x][i] : double.NegativeInfinity;
        }

        // Root: the parent side of the best-scoring pair (the lower-index column if nothing depends on anything).
        int root = 0;
        double rootScore = 0;
        for (int x = 0; x < count; x++)
            for (int i = 0; i < screened[x].Length; i++)
                if (pair[x][i] > rootScore) { rootScore = pair[x][i]; root = screened[x][i]; }

        // Per column: the columns that may share a parent set, its strongest single parents.
        var candidates = new HashSet<int>[count];
        for (int x = 0; x < count; x++)
            candidates[x] = [.. Enumerable.Range(0, screened[x].Length).Where(i => pair[x][i] > double.NegativeInfinity)
                .OrderByDescending(i => pair[x][i]).ThenBy(i => screened[x][i]).Select(i => screened[x][i]).Take(settings.CandidateParents)];
        // Per column: the columns that screened it as a parent (on narrow tables: all).
        var children = wide ? new List<int>[count] : null;
        if (children is not null)
        {
            for (int y = 0; y < count; y++) children[y] = [];
            for (int x = 0; x < count; x++) foreach (int y in screened[x]) children[y].Add(x);
        }
        var placedAt = new int[count];
        var isOpen = new bool[count];
        Array.Fill(isOpen, true);

        int next = root; // best[root] is still (0, []): the root has no parents
        while (true)
        {
            placed.Add(next);
            open.Remove(next);
            isOpen[next] = false;
            placedAt[next] = placed.Count - 1;
            parents[next] = best[next].Parents;
            if (open.Count == 0) break;
            if (eligible[next] && settings.MaxParents > 0)
            {
                int added = next;
                var openNow = children is null ? open.ToArray() : [.. children[added].Where(x => isOpen[x])];
                Parallelism.For(0, openNow.Length, j =>
                {
                    int x = openNow[j];
                    if (PairScore(x, added) == double.NegativeInfinity) return;
                    // Sets of several parents only from x's strongest single parents, so the search stays polynomial
                    // of low degree in the column count.
                    var others = candidates[x].Where(p => p != added && !isOpen[p]).OrderBy(p => placedAt[p]).ToArray(); // in placement order
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
        var labels = own.Labels;
        var ofOwn = new double[own.Codes];
        double h = 0; // Σ c·ln c over the joint
        List<double> configTotals;
        if (configurations * own.Codes <= 4L * rows)
        {
            var joint = new int[configurations * own.Codes];
            for (int i = 0; i < rows; i++)
            {
                int config = 0;
                foreach (int p in set) config = config * columns[p].Codes + columns[p].Labels[i];
                joint[config * own.Codes + labels[i]]++;
            }
            var ofConfig = new double[configurations];
            for (int config = 0, j = 0; config < configurations; config++)
                for (int c = 0; c < own.Codes; c++, j++)
                {
                    int n = joint[j];
                    if (n == 0) continue;
                    h += n * Math.Log(n);
                    ofConfig[config] += n;
                    ofOwn[c] += n;
                }
            configTotals = [.. ofConfig];
        }
        else
        {
            // A table much larger than the rows (wide tables with few rows): the rows' sorted cell keys visit the
            // non-empty cells in the same order as the dense loop above, so the sums are the same to the bit.
            var keys = new long[rows];
            for (int i = 0; i < rows; i++)
            {
                long config = 0;
                foreach (int p in set) config = config * columns[p].Codes + columns[p].Labels[i];
                keys[i] = config * own.Codes + labels[i];
            }
            Array.Sort(keys);
            configTotals = [];
            long currentConfig = -1;
            for (int i = 0; i < rows;)
            {
                long key = keys[i];
                int n = 0;
                while (i < rows && keys[i] == key) { n++; i++; }
                h += n * Math.Log(n);
                long config = key / own.Codes;
                if (config != currentConfig) { configTotals.Add(0); currentConfig = config; }
                configTotals[^1] += n;
                ofOwn[key % own.Codes] += n;
            }
        }
        // n·I = Σ n_xy ln n_xy − Σ n_x ln n_x − Σ n_y ln n_y + n ln n
        double nI = h + rows * Math.Log(rows);
        foreach (double n in configTotals) if (n > 0) nI -= n * Math.Log(n);
        foreach (double n in ofOwn) if (n > 0) nI -= n * Math.Log(n);
        double penalty = settings.Penalty * 0.5 * Math.Log(rows) * (own.UsedCodes - 1) * (usedConfigurations - 1);
        return nI - penalty;
    }
}
