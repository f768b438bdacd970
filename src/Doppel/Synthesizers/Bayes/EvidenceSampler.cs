using Doppel.Sampling;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// Exact sampling of the network's columns that a condition touches, and their ancestors, from their distribution
/// given the condition (evidence: per conditioned column, which codes can satisfy it). Variable elimination over that
/// ancestral set: eliminating a column multiplies the factors that hold it (its table, its children's, messages from
/// earlier eliminations) and keeps that product; sampling then runs in reverse elimination order, each column drawn
/// from its product given the columns already drawn. Every row is kept (no rejection); the rest of the network is
/// then sampled forward as usual, which is exact because none of it is an ancestor of the evidence.
/// </summary>
internal sealed class EvidenceSampler
{
    /// <summary>Largest factor built; a network whose ancestral set needs more falls back to generate-and-filter.</summary>
    private const long MaxCells = 4_000_000;

    private readonly Step[] _steps; // in sampling order

    private EvidenceSampler(Step[] steps, int[] columns, double probability)
    {
        _steps = steps;
        Columns = columns;
        Probability = probability;
    }

    /// <summary>The columns this sampler draws (the evidence and its ancestors), metadata indices.</summary>
    public int[] Columns { get; }

    /// <summary>The probability of the evidence under the model (0: the condition is impossible).</summary>
    public double Probability { get; }

    /// <summary>
    /// One column drawn given the columns before it in sampling order: per configuration of <see cref="Given"/>,
    /// cumulative shares over its codes (all zero for a configuration of probability 0).
    /// </summary>
    private sealed record Step(int Column, int[] Given, int[] Radix, int Codes, double[] Cumulative);

    /// <summary>
    /// A sampler for <paramref name="evidence"/> (per column: a weight in [0, 1] per code, 0 for codes that cannot
    /// satisfy the condition), or null when elimination would build too large a factor.
    /// </summary>
    public static EvidenceSampler? For(IReadOnlyDictionary<int, double[]> evidence, Func<int, ConditionalTable> tableOf)
    {
        // The ancestral closure of the evidence.
        var set = new HashSet<int>();
        var stack = new Stack<int>(evidence.Keys);
        while (stack.Count > 0)
        {
            int c = stack.Pop();
            if (!set.Add(c)) continue;
            foreach (int p in tableOf(c).Parents) stack.Push(p);
        }
        var codes = new Dictionary<int, int>();
        foreach (int c in set) codes[c] = tableOf(c).Codes;

        var pool = new List<Factor>();
        foreach (int c in set.Order())
        {
            var table = tableOf(c);
            var values = Normalized(table);
            if (evidence.TryGetValue(c, out var weights))
                for (int i = 0; i < values.Length; i++) values[i] *= weights[i % table.Codes];
            pool.Add(new Factor([.. table.Parents, c], [.. table.Radix, table.Codes], values));
        }

        var steps = new List<Step>();
        var remaining = set.Order().ToList();
        while (remaining.Count > 0)
        {
            // Greedy: eliminate the column whose product is smallest (ties: lowest index, for a fixed order).
            int best = -1;
            long bestSize = long.MaxValue;
            foreach (int c in remaining)
            {
                long size = Factor.SizeOf(Scope(pool, c).Select(v => codes[v]));
                if (size < bestSize) { best = c; bestSize = size; }
            }
            if (bestSize > MaxCells) return null;
            remaining.Remove(best);
            var holding = pool.Where(f => f.Vars.Contains(best)).ToList();
            pool.RemoveAll(holding.Contains);
            int[] given = [.. Scope(holding, best).Where(v => v != best)];
            int[] vars = [.. given, best];
            var product = Factor.Product(holding, vars, [.. vars.Select(v => codes[v])]);
            pool.Add(product.SumOutLast());
            steps.Add(new Step(best, given, [.. given.Select(v => codes[v])], codes[best], CumulativeRows(product.Values, codes[best])));
        }
        double probability = pool.Aggregate(1.0, (p, f) => p * f.Values[0]);
        steps.Reverse();
        return new EvidenceSampler([.. steps], [.. set.Order()], probability);
    }

    /// <summary>The variables of the factors that hold <paramref name="column"/>, in first-seen order.</summary>
    private static IEnumerable<int> Scope(List<Factor> pool, int column) =>
        pool.Where(f => f.Vars.Contains(column)).SelectMany(f => f.Vars).Distinct();

    /// <summary>The table as conditional probabilities; a configuration without rows takes the marginal, as sampling does.</summary>
    private static double[] Normalized(ConditionalTable table)
    {
        int k = table.Codes;
        var marginal = new double[k];
        for (int j = 0; j < table.Counts.Length; j++) marginal[j % k] += table.Counts[j];
        double marginalTotal = marginal.Sum();
        var values = new double[table.Counts.Length];
        for (int config = 0; config < table.Configurations; config++)
        {
            var row = table.Counts.AsSpan(config * k, k);
            double total = 0;
            foreach (double c in row) total += c;
            for (int i = 0; i < k; i++) values[config * k + i] = total > 0 ? row[i] / total : marginal[i] / marginalTotal;
        }
        return values;
    }

    private static double[] CumulativeRows(double[] values, int codes)
    {
        var cumulative = new double[values.Length];
        for (int start = 0; start < values.Length; start += codes)
        {
            double total = 0;
            for (int i = 0; i < codes; i++) total += values[start + i];
            if (total <= 0) continue;
            double running = 0;
            for (int i = 0; i < codes; i++) { running += values[start + i]; cumulative[start + i] = running / total; }
            // u < 1 always falls in the last code with weight, never past it.
            for (int i = codes - 1; i >= 0 && values[start + i] == 0; i--) cumulative[start + i] = 1;
            cumulative[start + codes - 1] = 1;
        }
        return cumulative;
    }

    /// <summary>Fills <paramref name="codes"/> for <see cref="Columns"/>, <paramref name="count"/> rows, from one stream.</summary>
    public void Sample(int[]?[] codes, int count, ref RandomStream random)
    {
        foreach (var step in _steps) codes[step.Column] = new int[count];
        for (int row = 0; row < count; row++)
        {
            foreach (var step in _steps)
            {
                int config = 0;
                for (int g = 0; g < step.Given.Length; g++) config = config * step.Radix[g] + codes[step.Given[g]]![row];
                var cumulative = step.Cumulative.AsSpan(config * step.Codes, step.Codes);
                double u = random.NextDouble();
                int lo = 0, hi = step.Codes - 1;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if (u < cumulative[mid]) hi = mid; else lo = mid + 1;
                }
                codes[step.Column]![row] = lo;
            }
        }
    }
}
