using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// One column of both tables as small integer codes shared by the two tables: 0 to <see cref="Levels"/> − 1, and
/// −1 for null. Categories are matched by their string value (the tables have separate dictionaries); numbers
/// and datetimes are cut into equal-width bins over the real range.
/// </summary>
internal sealed class DiscreteCodes
{
    private DiscreteCodes(int[] real, int[] synthetic, int levels)
    {
        Real = real;
        Synthetic = synthetic;
        Levels = levels;
    }

    /// <summary>Real codes by row; −1 for null.</summary>
    public int[] Real { get; }

    /// <summary>Synthetic codes by row; −1 for null.</summary>
    public int[] Synthetic { get; }

    /// <summary>Number of codes.</summary>
    public int Levels { get; }

    /// <summary>
    /// Codes for the union of the two tables' categories, the real table's first; with
    /// <paramref name="nullIsCategory"/> a null gets a code of its own (the last) instead of −1.
    /// </summary>
    public static DiscreteCodes FromCategories(Column real, Column synthetic, bool nullIsCategory = false)
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var realCodes = Encode(real, lookup);
        var syntheticCodes = Encode(synthetic, lookup);
        if (!nullIsCategory) return new DiscreteCodes(realCodes, syntheticCodes, lookup.Count);
        int nullCode = lookup.Count;
        foreach (var codes in new[] { realCodes, syntheticCodes })
            for (int i = 0; i < codes.Length; i++) if (codes[i] < 0) codes[i] = nullCode;
        return new DiscreteCodes(realCodes, syntheticCodes, lookup.Count + 1);
    }

    /// <summary>SDMetrics' codes for a numerical column of a mixed pair: each table cut by its own <see cref="HistogramCodes"/>.</summary>
    public static DiscreteCodes FromOwnRangeBins(NumericValues values) =>
        new(HistogramCodes.Of(values.Real, values.RealSorted), HistogramCodes.Of(values.Synthetic, values.SyntheticSorted), HistogramCodes.Levels);

    /// <summary>Codes for the <see cref="EqualWidthBins"/> learned from the real values.</summary>
    public static DiscreteCodes FromBins(NumericValues values)
    {
        if (values.RealSorted.Length == 0)
        {
            // No real value to learn a range from: every row is treated as null, so pairs with it are undefined.
            return new DiscreteCodes(Nulls(values.Real.Length), Nulls(values.Synthetic.Length), EqualWidthBins.Count);
        }
        var bins = new EqualWidthBins(values.RealSorted[0], values.RealSorted[^1]);
        return new DiscreteCodes(bins.Apply(values.Real), bins.Apply(values.Synthetic), EqualWidthBins.Count);
    }

    /// <summary>Number of rows holding each code in <paramref name="codes"/>.</summary>
    public int[] Counts(int[] codes)
    {
        var counts = new int[Levels];
        foreach (int code in codes) if (code >= 0) counts[code]++;
        return counts;
    }

    private static int[] Encode(Column column, Dictionary<string, int> lookup)
    {
        var codes = new int[column.Length];
        switch (column)
        {
            case CategoryColumn c:
            {
                var map = new int[c.Categories.Length];
                for (int k = 0; k < map.Length; k++) map[k] = CodeOf(c.Categories[k], lookup);
                for (int i = 0; i < codes.Length; i++) codes[i] = c.IsNull(i) ? -1 : map[c.Codes[i]];
                break;
            }
            case BooleanColumn b:
            {
                int no = CodeOf("false", lookup), yes = CodeOf("true", lookup);
                for (int i = 0; i < codes.Length; i++) codes[i] = b.IsNull(i) ? -1 : b.Values[i] ? yes : no;
                break;
            }
            default:
            {
                var labels = ColumnLabels.Of(column);
                for (int i = 0; i < codes.Length; i++) codes[i] = labels[i] is { } label ? CodeOf(label, lookup) : -1;
                break;
            }
        }
        return codes;
    }

    private static int CodeOf(string label, Dictionary<string, int> lookup)
    {
        if (!lookup.TryGetValue(label, out int code))
        {
            code = lookup.Count;
            lookup.Add(label, code);
        }
        return code;
    }

    private static int[] Nulls(int length)
    {
        var codes = new int[length];
        Array.Fill(codes, -1);
        return codes;
    }
}
