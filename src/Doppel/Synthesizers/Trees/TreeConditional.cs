using Doppel.Data;
using Doppel.Expressions;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// Sampling the sequential trees under a condition through their conditional distributions. Only the conditioned
/// columns and the columns their trees read (transitively) are drawn row by row; at each conditioned column the row
/// is kept with probability P(allowed | leaf) / max over leaves and its value drawn from the leaf restricted to the
/// allowed codes (a rejected row starts over). That is exact rejection sampling of those few columns, far cheaper
/// than generating and filtering whole rows, and exact: the kept rows follow the model given the condition. The
/// other columns, which no conditioned column depends on, are then generated forward as usual. Numeric conditions
/// work at leaf level (a leaf that cannot reach the interval is ruled out); rows are checked against the whole
/// condition afterwards either way.
/// </summary>
internal sealed class TreeConditional
{
    /// <summary>Tries per row, on average over a batch, before it gives up (as generate-and-filter does: an acceptance of 0.1%)...</summary>
    private const long MaxTriesPerRow = 1_000;

    /// <summary>...but at least this many tries per batch.</summary>
    private const long MinimumTries = 1_000_000;

    private readonly TreeGenerator _generator;
    private readonly int[] _drawn;                   // conditioned columns and what they read, in visiting order
    private readonly double[]?[] _evidence;          // per drawn categorical column: weight per code (null: free)
    private readonly double[]?[] _acceptance;        // per drawn conditioned column: per leaf, keep probability

    private TreeConditional(TreeGenerator generator, int[] drawn, double[]?[] evidence, double[]?[] acceptance)
    {
        _generator = generator;
        _drawn = drawn;
        _evidence = evidence;
        _acceptance = acceptance;
    }

    /// <summary>A conditional sampler, or null when no condition is usable; throws when the condition is impossible.</summary>
    public static TreeConditional? For(TreeGenerator generator, IReadOnlyDictionary<string, ColumnCondition> conditions)
    {
        var columns = generator.Columns;
        var evidence = new double[]?[columns.Length];
        var acceptance = new double[]?[columns.Length];
        var conditioned = new List<int>();
        foreach (int c in generator.Order)
        {
            if (!conditions.TryGetValue(columns[c].Name, out var condition)) continue;
            double[]? mass = null;
            if (columns[c] is CategoricalTreeColumn categorical && categorical.Evidence(condition) is { } weights)
            {
                evidence[c] = weights;
                mass = categorical.LeafMass(weights);
            }
            else if (columns[c] is NumericTreeColumn numeric) mass = numeric.LeafMass(condition);
            if (mass is null) continue;
            double max = mass.Max();
            if (!(max > 0))
                throw new DoppelException(ErrorKind.Unsatisfiable, $"The condition on column '{columns[c].Name}' asks for values the model never generates (a category it does not know, or a range outside the data).");
            acceptance[c] = [.. mass.Select(m => m / max)];
            conditioned.Add(c);
        }
        if (conditioned.Count == 0) return null;
        var needed = new HashSet<int>();
        var stack = new Stack<int>(conditioned);
        while (stack.Count > 0)
        {
            int c = stack.Pop();
            if (needed.Add(c)) foreach (int r in columns[c].Reads) stack.Push(r);
        }
        return new TreeConditional(generator, [.. generator.Order.Where(needed.Contains)], evidence, acceptance);
    }

    /// <summary>One batch under the condition (streams: <c>b &lt;&lt; 16</c> for the row-by-row part, which unconditional sampling never uses).</summary>
    public Table SampleBatch(long batch, long firstRow, int count, ulong seed)
    {
        var columns = _generator.Columns;
        var values = new double[]?[columns.Length];
        foreach (int c in _drawn) values[c] = new double[count];
        var random = new RandomStream(seed, (ulong)batch << 16);
        long tries = 0, budget = Math.Max(MinimumTries, count * MaxTriesPerRow);
        for (int row = 0; row < count; row++)
        {
            while (!TryRow(values, row, ref random))
                if (++tries >= budget)
                    throw new DoppelException(ErrorKind.Unsatisfiable,
                        $"The model almost never generates rows meeting the condition: {row:N0} rows kept in {tries:N0} tries. Relax the condition.");
        }
        var output = new Column[columns.Length];
        var drawn = _drawn.ToHashSet();
        foreach (int c in _generator.Order)
        {
            var stream = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
            output[c] = !drawn.Contains(c) ? columns[c].Generate(values, c, count, firstRow, ref stream)
                : columns[c] is CategoricalTreeColumn categorical ? categorical.Render(values[c]!, count, ref stream)
                : ((NumericTreeColumn)columns[c]).Render(values[c]!, count);
        }
        for (int c = 0; c < columns.Length; c++)
            if (columns[c] is StandaloneTreeColumn)
            {
                var stream = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
                output[c] = columns[c].Generate(values, c, count, firstRow, ref stream);
            }
        return new Table(output, count);
    }

    /// <summary>Draws the needed columns of one row; false when a conditioned column rejects it.</summary>
    private bool TryRow(double[]?[] values, int row, ref RandomStream random)
    {
        var columns = _generator.Columns;
        foreach (int c in _drawn)
        {
            if (columns[c] is CategoricalTreeColumn categorical)
            {
                if (_acceptance[c] is { } keep && !Keep(keep[categorical.Tree.LeafOf(values, row)], ref random)) return false;
                values[c]![row] = categorical.DrawCode(values, row, _evidence[c], ref random);
            }
            else
            {
                var numeric = (NumericTreeColumn)columns[c];
                int leaf = numeric.LeafOf(values, row);
                if (_acceptance[c] is { } keep && !Keep(keep[leaf], ref random)) return false;
                values[c]![row] = numeric.DrawValue(leaf, ref random);
            }
        }
        return true;
    }

    private static bool Keep(double probability, ref RandomStream random) => probability >= 1 || random.NextDouble() < probability;
}
