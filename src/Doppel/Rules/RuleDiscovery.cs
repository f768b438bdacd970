using System.Runtime.CompilerServices;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// Finds the rules a model keeps by construction: every declared <c>a &lt; b</c> (or <c>&lt;=</c>) between two
/// numeric or two datetime columns, and, when learning is on, the sums (<see cref="SumDiscovery"/>) and functional
/// dependencies (<see cref="DependencyDiscovery"/>) the real data keeps, then every order it keeps in nearly every row
/// that the columns' ranges alone would not keep, then the lattices (<see cref="StepDiscovery"/>) of the numbers no
/// other rule derives. Exact relations come before orders: total = fare + tip says more than fare &lt;= total.
/// </summary>
/// <remarks>
/// An order <c>a &lt;= b</c> is learned when a is never null, at least <see cref="MinimumRows"/> rows have both, at
/// least <see cref="MinimumShare"/> of them keep it, and the two columns overlap: drawn independently from their
/// marginals, at least <see cref="MinimumOverlap"/> of pairs would break it (so age ≥ years of schooling, which no
/// value of one column could break, is left alone); numbers must be written with the same precision, and the later one must fill its written grid (see
/// <see cref="OnWrittenGrid"/>). Each column is derived by at most one rule, from the candidate
/// with the smallest mean gap (so pickup ≤ dropoff ≤ arrival becomes a chain), and rules never form a cycle. Pairs are
/// scanned with an early exit once both directions are broken too often; with more than
/// <see cref="MaxCandidates"/> columns of a kind, that kind is not searched.
/// </remarks>
internal static class RuleDiscovery
{
    public const double MinimumShare = 0.995;
    public const double MinimumOverlap = 0.05;
    public const int MinimumRows = 50;
    public const int MaxCandidates = 1_000;

    /// <summary>The rules for <paramref name="data"/>, in the order they are decoded, and notes on what was not searched; a <see cref="DeterminedRule"/> maps only pairs seen in at least <paramref name="minimumPairRows"/> (and 5) rows.</summary>
    public static (IReadOnlyList<LearnedRule> Rules, IReadOnlyList<string> Notes) Find(Table data, TableMetadata metadata, bool learn, int minimumPairRows = 5)
    {
        var notes = new List<string>();
        var parent = new Dictionary<string, LearnedRule>(StringComparer.Ordinal);
        var columns = metadata.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var declared = ConstraintSet.Compile(metadata, [], null).All;
        // A declared formula already derives its target: learned sums and mappings leave every declared column alone.
        var constrained = declared.Where(c => c is not InequalityConstraint).SelectMany(c => c.Columns).ToHashSet(StringComparer.Ordinal);
        foreach (var inequality in declared.OfType<InequalityConstraint>())
        {
            var (low, high) = (columns[inequality.Low], columns[inequality.High]);
            if (!Orderable(low, high, data) || parent.ContainsKey(high.Name) || Reaches(parent, low.Name, high.Name)) continue;
            var (rows, kept) = Count(Values(data[low.Name]), Values(data[high.Name]));
            parent[high.Name] = OrderRule.For(low, high, declared: true, rows, kept);
        }
        if (learn)
        {
            var numeric = metadata.Columns.Where(c => c.Type == SemanticType.Numerical && data[c.Name] is NumberColumn).ToArray();
            IEnumerable<LearnedRule> exact = [.. SumDiscovery.Find(data, numeric, notes, Math.Max(5, minimumPairRows)), .. DependencyDiscovery.Find(data, metadata, Math.Max(5, minimumPairRows), notes)];
            foreach (var rule in exact.Where(r => !r.Reads.Append(r.Derived).Any(constrained.Contains)))
                if (!parent.ContainsKey(rule.Derived) && !Closes(parent, rule)) parent[rule.Derived] = rule;
        }
        if (learn)
            foreach (var kind in new[] { SemanticType.Numerical, SemanticType.Datetime })
            {
                var candidates = metadata.Columns.Where(c => c.Type == kind && (kind == SemanticType.Numerical ? data[c.Name] is NumberColumn : data[c.Name] is DateTimeColumn)).ToArray();
                if (candidates.Length > MaxCandidates)
                {
                    notes.Add($"orders between {kind.ToString().ToLowerInvariant()} columns were not searched: {candidates.Length:N0} columns, more than {MaxCandidates:N0}.");
                    continue;
                }
                foreach (var rule in Orders(data, candidates))
                    if (!parent.ContainsKey(rule.Later) && !Closes(parent, rule)) parent[rule.Later] = rule;
            }
        if (learn)
        {
            // Last, so a column another rule derives keeps that rule (a sum of values on a lattice is on it too).
            var numeric = metadata.Columns.Where(c => c.Type == SemanticType.Numerical && data[c.Name] is NumberColumn).ToArray();
            var skip = new HashSet<string>(parent.Keys.Concat(constrained), StringComparer.Ordinal);
            foreach (var rule in StepDiscovery.Find(data, numeric, skip, Math.Max(5, minimumPairRows))) parent[rule.Derived] = rule;
        }
        return (DecodeOrder(parent, metadata), notes);
    }

    /// <summary>
    /// Learned orders among same-kind columns, best first: per later column, its candidates by increasing mean gap.
    /// </summary>
    private static List<OrderRule> Orders(Table data, ColumnMetadata[] candidates)
    {
        var values = new double[candidates.Length][];
        var sorted = new double[candidates.Length][];
        Parallelism.For(0, candidates.Length, i =>
        {
            values[i] = Values(data[candidates[i].Name]);
            sorted[i] = [.. values[i].Where(x => !double.IsNaN(x))];
            Array.Sort(sorted[i]); // in place: the sorted values are the same as a stable sort's
        });
        bool[] complete = [.. values.Select(v => !v.Any(double.IsNaN))];
        bool[] fine = [.. candidates.Select((c, i) => c.Type == SemanticType.Datetime || OnWrittenGrid(sorted[i], c))];
        var found = new List<(OrderRule Rule, double Gap, int Later)>();
        var pairs = new List<(int, int)>();
        for (int i = 0; i < candidates.Length; i++) for (int j = i + 1; j < candidates.Length; j++) pairs.Add((i, j));
        var results = new (long Rows, long AFirst, long BFirst)[pairs.Count];
        Parallelism.For(0, pairs.Count, p => results[p] = Scan(values[pairs[p].Item1], values[pairs[p].Item2], Math.Min(sorted[pairs[p].Item1].Length, sorted[pairs[p].Item2].Length)));
        for (int p = 0; p < pairs.Count; p++)
        {
            var (i, j) = pairs[p];
            var (rows, aFirst, bFirst) = results[p];
            if (rows < MinimumRows) continue;
            // aFirst: rows with a <= b; an order is a candidate when nearly every row keeps it.
            foreach (var (e, l, kept) in new[] { (i, j, aFirst), (j, i, bFirst) })
            {
                if (!complete[e] || kept < MinimumShare * rows || !SamePrecision(candidates[e], candidates[l]) || !fine[l]) continue;
                if (IndependentBreakShare(sorted[e], sorted[l]) < MinimumOverlap) continue;
                double gap = sorted[l].Average() - sorted[e].Average();
                found.Add((OrderRule.For(candidates[e], candidates[l], declared: false, rows, kept), gap, l));
            }
        }
        return [.. found.OrderBy(f => f.Later).ThenBy(f => f.Gap).Select(f => f.Rule)];
    }

    /// <summary>
    /// Rows with both values, and how many have a ≤ b and b ≤ a; stops early (returning what it has) once both
    /// directions are broken in more rows than an order may be.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static (long Rows, long AFirst, long BFirst) Scan(double[] a, double[] b, int bound)
    {
        long limit = (long)Math.Floor((1 - MinimumShare) * bound);
        long rows = 0, aAfter = 0, bAfter = 0;
        for (int r = 0; r < a.Length; r++)
        {
            double x = a[r], y = b[r];
            if (double.IsNaN(x) || double.IsNaN(y)) continue;
            rows++;
            if (x > y) aAfter++;
            else if (y > x) bAfter++;
            if (aAfter > limit && bAfter > limit) return (0, 0, 0);
        }
        return (rows, rows - aAfter, rows - bAfter);
    }

    /// <summary>Share of independent pairs (a from its marginal, b from its) with a &gt; b, from both sorted samples.</summary>
    private static double IndependentBreakShare(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        double pairs = 0;
        int below = 0; // values of b strictly below the current a
        foreach (double x in a)
        {
            while (below < b.Length && b[below] < x) below++;
            pairs += below;
        }
        return pairs / ((double)a.Length * b.Length);
    }

    /// <summary>Rows with both values and how many keep a ≤ b.</summary>
    private static (long Rows, long Kept) Count(double[] a, double[] b)
    {
        long rows = 0, kept = 0;
        for (int r = 0; r < a.Length; r++)
        {
            if (double.IsNaN(a[r]) || double.IsNaN(b[r])) continue;
            rows++;
            if (a[r] <= b[r]) kept++;
        }
        return (rows, kept);
    }

    /// <summary>Numbers, or datetime ticks, with NaN for null.</summary>
    private static double[] Values(Column column)
    {
        var values = new double[column.Length];
        for (int r = 0; r < values.Length; r++)
            values[r] = column.IsNull(r) ? double.NaN : column switch
            {
                NumberColumn n => n.Values[r],
                DateTimeColumn d => d.Ticks[r],
                _ => double.NaN,
            };
        return values;
    }

    /// <summary>Two columns of one kind (numbers or datetimes) whose typed data fits, the earlier one never null.</summary>
    private static bool Orderable(ColumnMetadata low, ColumnMetadata high, Table data) =>
        low.Name != high.Name && low.Type == high.Type
        && (low.Type == SemanticType.Numerical ? data[low.Name] is NumberColumn && data[high.Name] is NumberColumn
            : low.Type == SemanticType.Datetime && data[low.Name] is DateTimeColumn && data[high.Name] is DateTimeColumn)
        && data[low.Name].Validity.NullCount == 0;

    /// <summary>
    /// Numbers written with one precision (datetimes always): Earlier + gap then stays on Later's grid, so a derived
    /// value looks like a real one (an order between a distance in 0.01 miles and a fare in 0.5 dollars would not).
    /// </summary>
    private static bool SamePrecision(ColumnMetadata earlier, ColumnMetadata later) =>
        later.Type == SemanticType.Datetime || (earlier.Integer == later.Integer && earlier.Decimals == later.Decimals);

    /// <summary>
    /// Whether a number's values fill its written grid: the most common step between consecutive distinct values is
    /// one unit of its precision. A column on a coarser lattice (fares in half dollars, credit limits in tens of
    /// thousands, temperatures converted from whole degrees Fahrenheit) would lose it as Earlier + gap, and a
    /// classifier sees that at once, so it is not derived.
    /// </summary>
    private static bool OnWrittenGrid(double[] sorted, ColumnMetadata column)
    {
        if (!column.Integer && column.Decimals is null) return true; // full precision: no grid to keep
        double unit = column.Integer ? 1 : Math.Pow(10, -Math.Min(column.Decimals!.Value, 15));
        var steps = new Dictionary<long, int>();
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1]) continue;
            long step = (long)Math.Round((sorted[i] - sorted[i - 1]) / unit);
            steps[step] = steps.GetValueOrDefault(step) + 1;
        }
        return steps.Count > 0 && steps.GetValueOrDefault(1) >= steps.Values.Max();
    }

    /// <summary>Whether adding <paramref name="rule"/> would close a cycle: one of its inputs is derived, through rules, from its column.</summary>
    private static bool Closes(Dictionary<string, LearnedRule> parent, LearnedRule rule) => rule.Reads.Any(read => Reaches(parent, read, rule.Derived));

    /// <summary>Whether following rules back from <paramref name="from"/> (through every column each rule reads) reaches <paramref name="to"/>.</summary>
    private static bool Reaches(Dictionary<string, LearnedRule> parent, string from, string to)
    {
        var pending = new Stack<string>([from]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var at))
        {
            if (at == to) return true;
            if (seen.Add(at) && parent.TryGetValue(at, out var rule)) foreach (var read in rule.Reads) pending.Push(read);
        }
        return false;
    }

    /// <summary>Rules whose inputs are decoded first; ties in column order, so the order is deterministic.</summary>
    private static List<LearnedRule> DecodeOrder(Dictionary<string, LearnedRule> parent, TableMetadata metadata)
    {
        var order = new List<LearnedRule>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = metadata.Columns.Where(c => parent.ContainsKey(c.Name)).Select(c => parent[c.Name]).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.First(r => r.Reads.All(c => !parent.ContainsKey(c) || done.Contains(c)));
            order.Add(ready);
            done.Add(ready.Derived);
            pending.Remove(ready);
        }
        return order;
    }
}
