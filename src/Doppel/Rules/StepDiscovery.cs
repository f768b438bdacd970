using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// Finds numbers whose values sit on a lattice coarser than their written precision: per column, the coarsest step
/// among round multiples of its unit (1, 2, 2.5, 4 or 5 times a power of ten: 2, 4, 5, 10, 20, 25, 40, 50, 100 …
/// units) that at least
/// <see cref="MinimumShare"/> of its values are multiples of, with at least <see cref="MinimumSteps"/>
/// distinct steps in use (a column of two values is a category in disguise, not a lattice), and whose values off the
/// lattice are each held by fewer than k rows: those a model may not write back anyway (nyc_taxis fares are 98.6% in
/// half dollars, the rest one-off amounts such as 37.61), so the lattice is the nearest it can honestly come.
/// </summary>
internal static class StepDiscovery
{
    public const int MinimumSteps = 3;
    public const double MinimumShare = 0.98;

    /// <summary>Round multiples of one unit, ascending, up to 10^15 (beyond which whole units are not exact).</summary>
    private static readonly long[] Multiples = [.. Enumerable.Range(0, 15)
        .Select(k => (long)Math.Pow(10, k))
        .SelectMany(p => p >= 10 ? new[] { p, 2 * p, 25 * p / 10, 4 * p, 5 * p } : [p, 2 * p, 4 * p, 5 * p])
        .Where(m => m >= 2).Distinct().Order()];

    /// <summary>Learned lattices, in column order, for the numeric columns not in <paramref name="skip"/>.</summary>
    public static List<StepRule> Find(Table data, ColumnMetadata[] numeric, ISet<string> skip, int rareRows = 5)
    {
        var columns = numeric.Where(c => (c.Integer || c.Decimals is not null) && !skip.Contains(c.Name)).ToArray();
        var found = new StepRule?[columns.Length];
        Parallelism.For(0, columns.Length, i => found[i] = Find((NumberColumn)data[columns[i].Name], columns[i], rareRows));
        return [.. found.OfType<StepRule>()];
    }

    private static StepRule? Find(NumberColumn column, ColumnMetadata metadata, int rareRows)
    {
        int decimals = metadata.Integer ? 0 : Math.Min(metadata.Decimals!.Value, 15);
        double unit = Math.Pow(10, -decimals);
        int present = column.Length - column.Validity.NullCount;
        if (present < RuleDiscovery.MinimumRows) return null;
        long limit = (long)Math.Floor((1 - MinimumShare) * present);
        // Each value once in whole units of its precision.
        var units = new long[present];
        for (int i = 0, j = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            double scaled = column.Values[i] / unit;
            if (Math.Abs(scaled) > 1e15) return null; // beyond exact whole units
            units[j++] = (long)Math.Round(scaled);
        }
        // A step above the largest magnitude leaves only 0 on the lattice: no coarser one can have the steps it needs.
        long span = units.Length == 0 ? 0 : units.Max(u => Math.Abs(u));
        StepRule? best = null;
        foreach (long multiple in Multiples.TakeWhile(m => m <= span))
        {
            long off = 0;
            var steps = new HashSet<long>();
            foreach (long u in units)
            {
                if (u % multiple != 0) { if (++off > limit) break; }
                else if (steps.Count < MinimumSteps) steps.Add(u / multiple);
            }
            if (off > limit || steps.Count < MinimumSteps || (off > 0 && !OffValuesRare(units, multiple, rareRows))) continue;
            best = new StepRule
            {
                Column = metadata.Name, Step = Math.Round(multiple * unit, decimals), Decimals = decimals,
                Rows = present, Kept = present - off,
            };
        }
        return best;
    }

    /// <summary>Whether every value off the lattice of <paramref name="multiple"/> units is held by fewer than <paramref name="rareRows"/> rows.</summary>
    private static bool OffValuesRare(long[] units, long multiple, int rareRows)
    {
        var counts = new Dictionary<long, int>();
        foreach (long u in units)
            if (u % multiple != 0 && (counts[u] = counts.GetValueOrDefault(u) + 1) >= rareRows) return false;
        return true;
    }
}
