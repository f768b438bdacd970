using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// One synthesized column as the DP synthesizer measures it: its fine cells (categories, or numeric ranges from
/// <see cref="NumericGrid"/>), an optional protected cell for categories outside a privately estimated list, an
/// optional null cell, and every row's cell. Built from a public or privately estimated domain, never from the values'
/// own extent.
/// </summary>
internal sealed class DpColumnDomain
{
    /// <summary>The metadata index of the column.</summary>
    public required int Column { get; init; }

    /// <summary>Categories (categorical and boolean columns), cell j holding category j.</summary>
    public string[]? Categories { get; init; }

    /// <summary>Per numeric cell its closed range (numbers, or datetime ticks).</summary>
    public double[]? Lower { get; init; }

    /// <summary>Per numeric cell the upper end of its range.</summary>
    public double[]? Upper { get; init; }

    /// <summary>A cell after the categories for values outside a privately estimated category list.</summary>
    public bool HasRareCell { get; init; }

    /// <summary>The last cell stands for null.</summary>
    public bool HasNullCell { get; init; }

    /// <summary>Per row its cell.</summary>
    public required int[] Codes { get; init; }

    /// <summary>Values outside public bounds, clipped to them.</summary>
    public long Clipped { get; init; }

    /// <summary>Number of cells that hold values (not null).</summary>
    public int ValueCells => Categories is { } c ? c.Length + (HasRareCell ? 1 : 0) : Lower!.Length;

    /// <summary>Number of cells.</summary>
    public int Cells => ValueCells + (HasNullCell ? 1 : 0);

    /// <summary>The null cell, or −1.</summary>
    public int NullCell => HasNullCell ? ValueCells : -1;

    /// <summary>Whether the cells are ordered (numbers and datetimes).</summary>
    public bool Ordinal => Categories is null;

    /// <summary>Codes a categorical or boolean column against <paramref name="categories"/> (unknown values to the protected cell, or an error when there is none).</summary>
    public static DpColumnDomain OfCategories(int index, Column column, string[] categories, bool rareCell, bool nullCell)
    {
        var (names, source) = column switch
        {
            BooleanColumn b => (["false", "true"], b.Values.Select(v => v ? 1 : 0).ToArray()),
            CategoryColumn c => (c.Categories, c.Codes),
            _ => throw new InvalidOperationException($"Column '{column.Name}' is not categorical."),
        };
        var cellOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < categories.Length; j++) cellOf[categories[j]] = j;
        var map = names.Select(n => cellOf.TryGetValue(n, out int j) ? j : rareCell ? categories.Length : -1).ToArray();
        int nullCode = categories.Length + (rareCell ? 1 : 0);
        var codes = new int[column.Length];
        long unknown = 0, nulls = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (column.IsNull(i)) { codes[i] = nullCode; nulls++; continue; }
            int cell = map[source[i]];
            if (cell < 0) { unknown++; cell = 0; }
            codes[i] = cell;
        }
        if (unknown > 0)
            throw new DoppelException(ErrorKind.Data, $"Column '{column.Name}': {unknown:N0} values are not among the {categories.Length} categories its public metadata declares. Add them to \"categories\" (or drop the column).");
        if (nulls > 0 && !nullCell)
            throw new DoppelException(ErrorKind.Data, $"Column '{column.Name}' has {nulls:N0} empty values but its public metadata declares \"nullable\": false.");
        return new DpColumnDomain { Column = index, Categories = categories, HasRareCell = rareCell, HasNullCell = nullCell, Codes = codes };
    }

    /// <summary>Codes a numeric or datetime column on the grid of [<paramref name="min"/>, <paramref name="max"/>], clipping values outside.</summary>
    public static DpColumnDomain OfNumbers(int index, Column column, double min, double max, bool integer, bool nullCell)
    {
        var (lower, upper) = NumericGrid.Of(min, max, integer);
        int nullCode = lower.Length;
        var codes = new int[column.Length];
        long clipped = 0, nulls = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (column.IsNull(i)) { codes[i] = nullCode; nulls++; continue; }
            double v = column switch
            {
                NumberColumn n => n.Values[i],
                DateTimeColumn d => d.Ticks[i],
                _ => throw new InvalidOperationException($"Column '{column.Name}' is not numeric."),
            };
            if (v < lower[0] || v > upper[^1]) { clipped++; v = Math.Clamp(v, lower[0], upper[^1]); }
            codes[i] = NumericGrid.CellOf(v, upper);
        }
        if (nulls > 0 && !nullCell)
            throw new DoppelException(ErrorKind.Data, $"Column '{column.Name}' has {nulls:N0} empty values but its public metadata declares \"nullable\": false.");
        return new DpColumnDomain { Column = index, Lower = lower, Upper = upper, HasNullCell = nullCell, Codes = codes, Clipped = clipped };
    }

    /// <summary>Counts the rows in each cell.</summary>
    public long[] Counts()
    {
        var counts = new long[Cells];
        foreach (int c in Codes) counts[c]++;
        return counts;
    }

    /// <summary>The metadata's type for this column decides whether it is a category or a number.</summary>
    public static bool IsCategorical(ColumnMetadata meta) => meta.Type is SemanticType.Categorical or SemanticType.Boolean;
}
