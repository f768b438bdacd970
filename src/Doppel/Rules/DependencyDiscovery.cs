using System.Globalization;
using System.Runtime.CompilerServices;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// Finds columns determined by another (functional dependencies between categorical or whole-number columns): among
/// the rows whose determining value is seen at least k times, at least <see cref="MinimumShare"/> have its most common
/// derived value.
/// </summary>
/// <remarks>
/// Those rows must be at least half the table and <see cref="RuleDiscovery.MinimumRows"/>, the mapping must reach two
/// derived values, and the derived column's own marginal must not already keep the dependency (at least 1% of rows
/// differ from its most common value), so a nearly constant column is not "determined" by everything. A value is mapped
/// only when its pair is seen at least k times. When both directions hold (a code and its label), the later column
/// in the table is derived; otherwise, per derived column, the determining column with the fewest values is tried first.
/// </remarks>
internal static class DependencyDiscovery
{
    public const double MinimumShare = 0.999;
    public const int MaxCandidates = 1_000;

    /// <summary>A determining column with more values is a key or row index (beijing's No), not a code list: not mapped.</summary>
    public const int MaxMappedValues = 1_000;

    /// <summary>Learned dependencies, best first per derived column (in column order).</summary>
    public static List<DeterminedRule> Find(Table data, TableMetadata metadata, int k, List<string> notes)
    {
        var columns = metadata.Columns.Where(c => DeterminedRule.Mappable(c) && data[c.Name] is CategoryColumn or NumberColumn).ToArray();
        if (columns.Length > MaxCandidates)
        {
            notes.Add($"columns determined by others were not searched: {columns.Length:N0} candidate columns, more than {MaxCandidates:N0}.");
            return [];
        }
        // A pair needs From to have at most MaxMappedValues values and at least as many as To: a column with more
        // takes part in none, so its coding stops there (a row-like column such as fnlwgt is never fully coded).
        var coded = new (int[] Codes, string[] Labels)[columns.Length];
        Parallelism.For(0, columns.Length, c => coded[c] = Codes(data[columns[c].Name], MaxMappedValues));
        var pairs = new List<(int From, int To)>();
        for (int t = 0; t < columns.Length; t++)
        {
            if (coded[t].Labels.Length > MaxMappedValues || !Varied(coded[t].Codes)) continue;
            foreach (int f in Enumerable.Range(0, columns.Length).Where(f => f != t && coded[f].Labels.Length >= coded[t].Labels.Length && coded[f].Labels.Length >= 2 && coded[f].Labels.Length <= MaxMappedValues)
                .OrderBy(f => coded[f].Labels.Length).ThenBy(f => f < t ? 0 : 1).ThenBy(f => f))
                pairs.Add((f, t));
        }
        var rules = new DeterminedRule?[pairs.Count];
        Parallelism.For(0, pairs.Count, p => rules[p] = Test(columns[pairs[p].From].Name, coded[pairs[p].From], columns[pairs[p].To].Name, coded[pairs[p].To], k));
        var found = rules.OfType<DeterminedRule>().ToList();
        var position = columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        return [.. found.Where(r => position[r.From] < position[r.To] || !found.Any(o => o.From == r.To && o.To == r.From))];
    }

    /// <summary>Pair counts up to this many cells are kept in an array, not a dictionary (4 bytes a cell).</summary>
    private const long DenseCells = 1 << 22;

    /// <summary>The rule From → To when the data keeps it, else null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static DeterminedRule? Test(string fromName, (int[] Codes, string[] Labels) from, string toName, (int[] Codes, string[] Labels) to, int k)
    {
        int n = from.Codes.Length, width = to.Labels.Length + 1; // + 1: null
        var rows = new long[from.Labels.Length];
        IEnumerable<(long Key, long Count)> counts;
        if ((long)from.Labels.Length * width <= DenseCells)
        {
            var cells = new int[from.Labels.Length * width];
            for (int r = 0; r < n; r++)
            {
                int f = from.Codes[r];
                if (f < 0) continue;
                rows[f]++;
                cells[f * width + to.Codes[r] + 1]++;
            }
            counts = Dense(cells);
        }
        else
        {
            var sparse = new Dictionary<long, long>();
            for (int r = 0; r < n; r++)
            {
                if (from.Codes[r] < 0) continue;
                rows[from.Codes[r]]++;
                long key = (long)from.Codes[r] * width + to.Codes[r] + 1;
                sparse[key] = sparse.GetValueOrDefault(key) + 1;
            }
            counts = sparse.OrderBy(c => c.Key).Select(c => (c.Key, c.Value));
        }
        var best = new (int To, long Rows)[from.Labels.Length];
        Array.Fill(best, (-1, 0L));
        foreach (var (key, count) in counts)
        {
            int f = (int)(key / width), t = (int)(key % width) - 1;
            if (count > best[f].Rows) best[f] = (t, count);
        }
        long covered = 0, kept = 0;
        var mapped = new List<int>();
        for (int f = 0; f < best.Length; f++)
        {
            if (rows[f] < k || best[f].To < 0 || best[f].Rows < k) continue;
            covered += rows[f];
            kept += best[f].Rows;
            mapped.Add(f);
        }
        if (covered < RuleDiscovery.MinimumRows || covered * 2 < n || kept < MinimumShare * covered) return null;
        if (mapped.Select(f => best[f].To).Distinct().Count() < 2) return null;
        return new DeterminedRule
        {
            From = fromName, To = toName, Rows = covered, Kept = kept,
            Keys = [.. mapped.Select(f => from.Labels[f])], Values = [.. mapped.Select(f => to.Labels[best[f].To])], Counts = [.. mapped.Select(f => best[f].Rows)],
        };
    }

    /// <summary>Whether at least 1% of rows differ from the most common value (null counts as a value).</summary>
    private static bool Varied(int[] codes)
    {
        var counts = codes.CountBy(c => c).Select(c => c.Value).ToArray();
        return counts.Length >= 2 && codes.Length - counts.Max() >= 0.01 * codes.Length;
    }

    /// <summary>The non-zero cells of a dense count table, in key order.</summary>
    private static IEnumerable<(long Key, long Count)> Dense(int[] cells)
    {
        for (int i = 0; i < cells.Length; i++) if (cells[i] > 0) yield return (i, cells[i]);
    }

    /// <summary>
    /// Per row a code (−1 for null) into the column's distinct keys (<see cref="DeterminedRule.Key"/>), in first-seen
    /// order; once there are more than <paramref name="limit"/> keys, stops with the codes unfinished and limit + 1 labels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    private static (int[] Codes, string[] Labels) Codes(Column column, int limit)
    {
        var codes = new int[column.Length];
        var labels = new List<string>();
        switch (column)
        {
            case CategoryColumn categories:
            {
                // Per category, not per row: categories spelled alike share one key, as their text would.
                var byText = new Dictionary<string, int>(StringComparer.Ordinal);
                var remap = new int[categories.Categories.Length];
                Array.Fill(remap, -1);
                for (int r = 0; r < codes.Length; r++)
                {
                    if (categories.IsNull(r)) { codes[r] = -1; continue; }
                    int raw = categories.Codes[r];
                    if (remap[raw] < 0)
                    {
                        string text = categories.Categories[raw];
                        if (!byText.TryGetValue(text, out int code)) { byText[text] = code = labels.Count; labels.Add(text); }
                        remap[raw] = code;
                    }
                    codes[r] = remap[raw];
                }
                break;
            }
            case NumberColumn numbers:
            {
                // By the value's bits: distinct doubles have distinct round-trip texts (-0 and 0 included).
                var byBits = new Dictionary<long, int>();
                for (int r = 0; r < codes.Length; r++)
                {
                    if (numbers.IsNull(r)) { codes[r] = -1; continue; }
                    double value = numbers.Values[r];
                    if (double.IsNaN(value)) value = double.NaN; // one key for every NaN, as its text is one
                    if (!byBits.TryGetValue(BitConverter.DoubleToInt64Bits(value), out int code))
                    {
                        byBits[BitConverter.DoubleToInt64Bits(value)] = code = labels.Count;
                        labels.Add(value.ToString("R", CultureInfo.InvariantCulture));
                        if (labels.Count > limit) break;
                    }
                    codes[r] = code;
                }
                break;
            }
            default:
                Array.Fill(codes, -1);
                break;
        }
        return (codes, [.. labels]);
    }
}
