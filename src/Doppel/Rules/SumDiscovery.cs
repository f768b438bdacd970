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
/// When no sum is exact, a total of at least <see cref="MinimumTotalValues"/> distinct values may still be a sum plus
/// one of at most <see cref="MaxAmounts"/> amounts in every row (nyc_taxis: total = fare + tip + tolls plus one of 19
/// surcharges), if those amounts keep at most <see cref="MaxAmountVarianceShare"/> of the total's variance; such
/// sums are also tried over three parts when there are at most <see cref="MaxTripleColumns"/> numeric columns, and
/// the one with the fewest amounts wins.
/// </remarks>
internal static class SumDiscovery
{
    public const double MinimumShare = 0.999;
    public const int MaxCandidates = 100;
    public const int MaxAmounts = 32;
    public const int MinimumTotalValues = 100;
    public const double MaxAmountVarianceShare = 0.01;
    public const int MaxTripleColumns = 30;

    /// <summary>Learned sums, per total (in column order) the simplest first.</summary>
    public static List<SumRule> Find(Table data, ColumnMetadata[] numeric, List<string> notes, int minimumAmountRows = 5)
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
        var candidates = new List<(int Total, int[] Added, int[] Subtracted, bool Exact)>();
        for (int t = 0; t < columns.Length; t++)
        {
            if (values[t].Length - values[t].Validity.NullCount < RuleDiscovery.MinimumRows) continue;
            for (int a = 0; a < columns.Length; a++)
                for (int b = a + 1; b < columns.Length; b++)
                {
                    if (a == t || b == t || !part[a] || !part[b]) continue;
                    candidates.Add((t, [a, b], [], true));
                    candidates.Add((t, [a], [b], true));
                    candidates.Add((t, [b], [a], true));
                }
            int[] others = [.. Enumerable.Range(0, columns.Length).Where(o => o != t && money[o] && decimals[o] == decimals[t])];
            if (others.Length >= 3) candidates.Add((t, others, [], true));
            if (columns.Length <= MaxTripleColumns)
                for (int a = 0; a < columns.Length; a++)
                    for (int b = a + 1; b < columns.Length; b++)
                        for (int c = b + 1; c < columns.Length; c++)
                            // Only as a sum plus amounts: an exact sum of three parts is the all-others case above.
                            if (a != t && b != t && c != t && part[a] && part[b] && part[c]) candidates.Add((t, [a, b, c], [], false));
        }
        bool[] varied = [.. values.Select(v => Varied(v))];
        var scans = new Scanned[candidates.Count];
        Parallelism.For(0, candidates.Count, c =>
        {
            var (t, added, subtracted, exact) = candidates[c];
            int d = added.Concat(subtracted).Append(t).Max(i => decimals[i]);
            scans[c] = Scan(values[t], [.. added.Select(i => values[i].Values)], [.. subtracted.Select(i => values[i].Values)], d, exact, varied[t]);
        });
        var found = new List<SumRule>();
        var done = new HashSet<int>();
        for (int c = 0; c < candidates.Count; c++) // exact sums first, in candidate order
        {
            var (t, added, subtracted, _) = candidates[c];
            if (scans[c].Kept == 0 || !done.Add(t)) continue;
            found.Add(Rule(t, added, subtracted, scans[c].Rows, scans[c].Kept));
        }
        foreach (var group in Enumerable.Range(0, candidates.Count).Where(c => scans[c].Amounts is { Count: > 1 } && !done.Contains(candidates[c].Total)).GroupBy(c => candidates[c].Total))
        {
            int best = group.OrderBy(c => scans[c].Amounts!.Count).First(); // fewest amounts; ties: the simpler, earlier candidate
            var (t, added, subtracted, _) = candidates[best];
            int d = added.Concat(subtracted).Append(t).Max(i => decimals[i]);
            // Only amounts held by enough rows are stored; rows with rarer ones are written with the nearest of these.
            double[] common = [.. scans[best].Amounts!.Where(a => a.Value >= minimumAmountRows).Select(a => Math.Round(a.Key * Math.Pow(10, -d), d)).Order()];
            if (common.Length < 2) continue;
            found.Add(Rule(t, added, subtracted, scans[best].Rows, scans[best].Rows, scans[best].Amounts!.Count, common));
        }
        return found;

        SumRule Rule(int t, int[] added, int[] subtracted, long rows, long kept, int amounts = 1, double[]? values = null) => new()
        {
            Total = columns[t].Name, Added = [.. added.Select(i => columns[i].Name)], Subtracted = [.. subtracted.Select(i => columns[i].Name)],
            Integer = columns[t].Integer, Decimals = decimals[t], Rows = rows, Kept = kept, Amounts = amounts, AmountValues = values ?? [],
        };
    }

    /// <summary>
    /// A candidate's scan: rows with a total, how many keep the sum exactly (0: too few), and the rows per residual
    /// amount (in units of the finest precision) when every row's residual is one of at most <see cref="MaxAmounts"/>
    /// that explain the total (null: not so).
    /// </summary>
    private readonly record struct Scanned(long Rows, long Kept, Dictionary<long, int>? Amounts);

    /// <summary>Whether a total has at least <see cref="MinimumTotalValues"/> distinct values (a sum plus amounts is only sought for such).</summary>
    private static bool Varied(NumberColumn column)
    {
        var seen = new HashSet<double>();
        for (int r = 0; r < column.Length && seen.Count < MinimumTotalValues; r++) if (!column.IsNull(r)) seen.Add(column.Values[r]);
        return seen.Count >= MinimumTotalValues;
    }

    /// <summary>
    /// Scans a candidate within half a unit of <paramref name="decimals"/> digits, with an early exit once it can
    /// neither be exact (when <paramref name="exact"/> is sought) nor a sum plus amounts (when <paramref name="amounts"/> is).
    /// </summary>
    private static Scanned Scan(NumberColumn total, double[][] added, double[][] subtracted, int decimals, bool exact, bool amounts)
    {
        int n = total.Length;
        double unit = Math.Pow(10, -decimals), tolerance = 0.5 * unit;
        long limit = exact ? (long)Math.Floor((1 - MinimumShare) * (n - total.Validity.NullCount)) : -1;
        var residuals = amounts ? new Dictionary<long, int>() : null;
        long rows = 0, broken = 0;
        double sumT = 0, sumT2 = 0, sumR = 0, sumR2 = 0;
        for (int r = 0; r < n; r++)
        {
            if (total.IsNull(r)) continue;
            double sum = 0;
            foreach (var a in added) sum += a[r];
            foreach (var s in subtracted) sum -= s[r];
            rows++;
            double t = total.Values[r], residual = t - sum;
            if (Math.Abs(residual) >= tolerance) broken++;
            if (residuals is not null)
            {
                long key = (long)Math.Round(residual / unit);
                residuals[key] = residuals.GetValueOrDefault(key) + 1;
                if (residuals.Count > MaxAmounts) residuals = null;
                sumT += t; sumT2 += t * t; sumR += residual; sumR2 += residual * residual;
            }
            if (broken > limit && residuals is null) return default;
        }
        bool isExact = broken <= limit;
        if (residuals is not null && residuals.Count > 1 && rows > 1)
        {
            double varT = sumT2 / rows - (sumT / rows) * (sumT / rows), varR = sumR2 / rows - (sumR / rows) * (sumR / rows);
            if (!(varT > 0 && varR <= MaxAmountVarianceShare * varT)) residuals = null;
        }
        else residuals = null;
        return new Scanned(rows, isExact ? rows - broken : 0, residuals);
    }
}
