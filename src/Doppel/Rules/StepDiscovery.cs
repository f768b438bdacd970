using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// Finds numbers whose values sit on a lattice coarser than their written precision: per column, the coarsest step
/// among whole multiples of its unit (2, 4, 5, 10, 20, 25, 50 … 1,000,000 units) that at least
/// <see cref="RuleDiscovery.MinimumShare"/> of its values are multiples of, with at least <see cref="MinimumSteps"/>
/// distinct steps in use (a column of two values is a category in disguise, not a lattice).
/// </summary>
internal static class StepDiscovery
{
    public const int MinimumSteps = 3;

    private static readonly int[] Multiples = [2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 100_000, 1_000_000];

    /// <summary>Learned lattices, in column order, for the numeric columns not in <paramref name="skip"/>.</summary>
    public static List<StepRule> Find(Table data, ColumnMetadata[] numeric, ISet<string> skip)
    {
        var columns = numeric.Where(c => (c.Integer || c.Decimals is not null) && !skip.Contains(c.Name)).ToArray();
        var found = new StepRule?[columns.Length];
        Parallelism.For(0, columns.Length, i => found[i] = Find((NumberColumn)data[columns[i].Name], columns[i]));
        return [.. found.OfType<StepRule>()];
    }

    private static StepRule? Find(NumberColumn column, ColumnMetadata metadata)
    {
        int decimals = metadata.Integer ? 0 : Math.Min(metadata.Decimals!.Value, 15);
        double unit = Math.Pow(10, -decimals);
        int present = column.Length - column.Validity.NullCount;
        if (present < RuleDiscovery.MinimumRows) return null;
        long limit = (long)Math.Floor((1 - RuleDiscovery.MinimumShare) * present);
        // Each value once in whole units of its precision.
        var units = new long[present];
        for (int i = 0, j = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            double scaled = column.Values[i] / unit;
            if (Math.Abs(scaled) > 1e15) return null; // beyond exact whole units
            units[j++] = (long)Math.Round(scaled);
        }
        StepRule? best = null;
        foreach (int multiple in Multiples)
        {
            long off = 0;
            var steps = new HashSet<long>();
            foreach (long u in units)
            {
                if (u % multiple != 0) { if (++off > limit) break; }
                else if (steps.Count < MinimumSteps) steps.Add(u / multiple);
            }
            if (off > limit || steps.Count < MinimumSteps) continue;
            best = new StepRule
            {
                Column = metadata.Name, Step = Math.Round(multiple * unit, decimals), Decimals = decimals,
                Rows = present, Kept = present - off,
            };
        }
        return best;
    }
}
