using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// Finds numeric columns that are the sum or difference of others in (nearly) every row, within the written precision.
/// The search is bounded: each column against every pair of other columns (a + b, a − b, b − a) and against the sum
/// of all the other money-like columns (same decimals as it, never negative), so its cost grows with the cube of the
/// numeric columns, not their power set; with more than <see cref="MaxCandidates"/> numeric columns it is skipped.
/// </summary>
/// <remarks>
/// A sum is learned when at least <see cref="MinimumShare"/> of the rows with a total keep it to within half a unit of
/// the finest precision involved (so 0.1 + 0.2 = 0.3 in decimal holds), its parts are never null and each is non-zero
/// in at least <see cref="RuleDiscovery.MinimumRows"/> rows (a column that is always 0 adds nothing). Pairs come before
/// the sum of all others, so each total gets the simplest relation found; candidates are checked with an early exit.
/// </remarks>
internal static class SumDiscovery
{
    public const double MinimumShare = 0.999;
    public const int MaxCandidates = 100;

    /// <summary>Learned sums, per total (in column order) the simplest first.</summary>
    public static List<SumRule> Find(Table data, ColumnMetadata[] numeric, List<string> notes)
    {
        var columns = numeric.Where(c => c.Integer || c.Decimals is not null).ToArray();
        if (columns.Length > MaxCandidates)
        {
            notes.Add($"sums of numeric columns were not searched: {columns.Length:N0} columns, more than {MaxCandidates:N0}.");
            return [];
        }
        var values = columns.Select(c => (NumberColumn)data[c.Name]).ToArray();
        int[] decimals = [.. columns.Select(c => c.Integer ? 0 : Math.Min(c.Decimals!.Value, 15))];
        bool[] part = [.. values.Select(v => v.Validity.NullCount == 0 && v.Values.Count(x => x != 0) >= RuleDiscovery.MinimumRows)];
        bool[] money = [.. values.Select((v, i) => part[i] && decimals[i] > 0 && v.Values.All(x => x >= 0))];
        var candidates = new List<(int Total, int[] Added, int[] Subtracted)>();
        for (int t = 0; t < columns.Length; t++)
        {
            if (values[t].Length - values[t].Validity.NullCount < RuleDiscovery.MinimumRows) continue;
            for (int a = 0; a < columns.Length; a++)
                for (int b = a + 1; b < columns.Length; b++)
                {
                    if (a == t || b == t || !part[a] || !part[b]) continue;
                    candidates.Add((t, [a, b], []));
                    candidates.Add((t, [a], [b]));
                    candidates.Add((t, [b], [a]));
                }
            int[] others = [.. Enumerable.Range(0, columns.Length).Where(o => o != t && money[o] && decimals[o] == decimals[t])];
            if (others.Length >= 3) candidates.Add((t, others, []));
        }
        var kept = new long[candidates.Count];
        var rows = new long[candidates.Count];
        Parallelism.For(0, candidates.Count, c =>
        {
            var (t, added, subtracted) = candidates[c];
            int d = added.Concat(subtracted).Append(t).Max(i => decimals[i]);
            (rows[c], kept[c]) = Scan(values[t], [.. added.Select(i => values[i].Values)], [.. subtracted.Select(i => values[i].Values)], 0.5 * Math.Pow(10, -d));
        });
        var found = new List<SumRule>();
        var done = new HashSet<int>();
        for (int c = 0; c < candidates.Count; c++)
        {
            var (t, added, subtracted) = candidates[c];
            if (rows[c] == 0 || !done.Add(t)) { continue; }
            found.Add(new SumRule
            {
                Total = columns[t].Name, Added = [.. added.Select(i => columns[i].Name)], Subtracted = [.. subtracted.Select(i => columns[i].Name)],
                Integer = columns[t].Integer, Decimals = decimals[t], Rows = rows[c], Kept = kept[c],
            });
        }
        return found;
    }

    /// <summary>Rows with a total and how many keep the sum within <paramref name="tolerance"/>; (0, 0) once too many break it.</summary>
    private static (long Rows, long Kept) Scan(NumberColumn total, double[][] added, double[][] subtracted, double tolerance)
    {
        int n = total.Length;
        long limit = (long)Math.Floor((1 - MinimumShare) * (n - total.Validity.NullCount));
        long rows = 0, broken = 0;
        for (int r = 0; r < n; r++)
        {
            if (total.IsNull(r)) continue;
            double sum = 0;
            foreach (var a in added) sum += a[r];
            foreach (var s in subtracted) sum -= s[r];
            rows++;
            if (Math.Abs(total.Values[r] - sum) >= tolerance && ++broken > limit) return (0, 0);
        }
        return (rows, rows - broken);
    }
}
