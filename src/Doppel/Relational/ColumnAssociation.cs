using Doppel.Data;

namespace Doppel.Relational;

/// <summary>
/// How strongly a parent column is associated with a child's columns on the child ⋈ parent join, so that the few
/// parent columns a child model reads (context, or the columns it is matched on) are the ones that tell it most,
/// not the first ones in the parent's metadata order.
/// </summary>
internal static class ColumnAssociation
{
    /// <summary>Most codes a column is cut into (the 9 most frequent categories or 10 quantile bins, plus other and null).</summary>
    private const int Bins = 10;

    /// <summary>
    /// The <paramref name="take"/> candidates with the largest association (Cramér's V of the binned columns, the
    /// strongest over <paramref name="child"/>'s columns) with the child's columns, in candidate order for ties.
    /// </summary>
    /// <param name="candidates">Parent column names that may be chosen, in metadata order.</param>
    /// <param name="parent">The parent table's data.</param>
    /// <param name="parentRow">Per child row, its parent row (values out of range are skipped: no parent).</param>
    /// <param name="child">The child's modelled columns.</param>
    /// <param name="take">How many to choose.</param>
    public static string[] Strongest(IReadOnlyList<string> candidates, Table parent, int[] parentRow, IReadOnlyList<Column> child, int take)
    {
        if (candidates.Count <= take || child.Count == 0) return [.. candidates.Take(take)];
        var joined = Enumerable.Range(0, parentRow.Length).Where(i => parentRow[i] >= 0 && parentRow[i] < parent.RowCount).ToArray();
        var childCodes = child.Select(c => Codes(c, joined)).Where(c => c is not null).Select(c => c!).ToList();
        var score = new double[candidates.Count];
        for (int k = 0; k < candidates.Count; k++)
        {
            var codes = Codes(parent[candidates[k]], [.. joined.Select(i => parentRow[i])]);
            if (codes is null) continue;
            foreach (var other in childCodes) score[k] = Math.Max(score[k], CramersV(codes, other));
        }
        return [.. Enumerable.Range(0, candidates.Count).OrderByDescending(k => score[k]).ThenBy(k => k).Take(take).Order().Select(k => candidates[k])];
    }

    /// <summary>The column's values at <paramref name="rows"/> as small codes (null its own code); null for text.</summary>
    internal static int[]? Codes(Column column, int[] rows)
    {
        var codes = new int[rows.Length];
        const int nullCode = Bins + 1;
        switch (column)
        {
            case CategoryColumn categories:
            {
                var frequency = new int[categories.Categories.Length];
                foreach (int r in rows) if (!categories.IsNull(r)) frequency[categories.Codes[r]]++;
                var top = Enumerable.Range(0, frequency.Length).OrderByDescending(c => frequency[c]).ThenBy(c => c).Take(Bins - 1).ToArray();
                var codeOf = new Dictionary<int, int>();
                for (int k = 0; k < top.Length; k++) codeOf[top[k]] = k;
                for (int i = 0; i < rows.Length; i++)
                    codes[i] = categories.IsNull(rows[i]) ? nullCode : codeOf.GetValueOrDefault(categories.Codes[rows[i]], Bins - 1);
                return codes;
            }
            case BooleanColumn booleans:
                for (int i = 0; i < rows.Length; i++) codes[i] = booleans.IsNull(rows[i]) ? nullCode : booleans.Values[rows[i]] ? 1 : 0;
                return codes;
            case NumberColumn numbers:
                return Ranked(rows.Select(r => numbers.IsNull(r) ? double.NaN : numbers.Values[r]).ToArray());
            case DateTimeColumn dates:
                return Ranked(rows.Select(r => dates.IsNull(r) ? double.NaN : dates.Ticks[r]).ToArray());
            default:
                return null;
        }
    }

    /// <summary>Numbers cut into quantile bins by rank (equal values share a bin); NaN is the null code.</summary>
    private static int[] Ranked(double[] values)
    {
        var codes = new int[values.Length];
        var present = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).OrderBy(i => values[i]).ToArray();
        for (int i = 0; i < values.Length; i++) if (double.IsNaN(values[i])) codes[i] = Bins + 1;
        for (int j = 0; j < present.Length; j++)
        {
            // Ties take the bin of their first occurrence, so a point mass is one bin.
            bool tie = j > 0 && values[present[j - 1]] == values[present[j]];
            codes[present[j]] = tie ? codes[present[j - 1]] : (int)((long)j * Bins / present.Length);
        }
        return codes;
    }

    /// <summary>Cramér's V of two code arrays of the same length (0 when either is constant).</summary>
    internal static double CramersV(int[] a, int[] b)
    {
        int n = a.Length;
        if (n == 0) return 0;
        int ra = a.Max() + 1, rb = b.Max() + 1;
        var joint = new double[ra, rb];
        var rowSum = new double[ra];
        var colSum = new double[rb];
        for (int i = 0; i < n; i++) { joint[a[i], b[i]]++; rowSum[a[i]]++; colSum[b[i]]++; }
        int usedA = rowSum.Count(s => s > 0), usedB = colSum.Count(s => s > 0);
        if (usedA < 2 || usedB < 2) return 0;
        double chi2 = 0;
        for (int x = 0; x < ra; x++)
            for (int y = 0; y < rb; y++)
            {
                if (rowSum[x] == 0 || colSum[y] == 0) continue;
                double expected = rowSum[x] * colSum[y] / n;
                chi2 += (joint[x, y] - expected) * (joint[x, y] - expected) / expected;
            }
        return Math.Sqrt(chi2 / (n * (Math.Min(usedA, usedB) - 1)));
    }
}
