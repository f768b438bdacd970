namespace Doppel.Data;

/// <summary>Row subsets of a table (holdout splits, subsamples).</summary>
public static class TableRows
{
    /// <summary>A new table with the given rows, in the order given; category dictionaries are shared.</summary>
    public static Table Select(Table table, IReadOnlyList<int> rows) => SelectOrNull(table, rows);

    /// <summary>As <see cref="Select"/>, where a row of −1 gives a null in every column (a step an entity does not have).</summary>
    internal static Table SelectOrNull(Table table, IReadOnlyList<int> rows)
    {
        var columns = table.Columns.Select(column =>
        {
            var validity = new Validity(rows.Count);
            for (int i = 0; i < rows.Count; i++) if (rows[i] < 0 || column.IsNull(rows[i])) validity.Set(i, false);
            return column switch
            {
                NumberColumn c => (Column)new NumberColumn(c.Name, [.. rows.Select(r => r < 0 ? 0 : c.Values[r])], validity),
                CategoryColumn c => new CategoryColumn(c.Name, [.. rows.Select(r => r < 0 ? 0 : c.Codes[r])], c.Categories, validity),
                BooleanColumn c => new BooleanColumn(c.Name, [.. rows.Select(r => r >= 0 && c.Values[r])], validity),
                DateTimeColumn c => new DateTimeColumn(c.Name, [.. rows.Select(r => r < 0 ? 0 : c.Ticks[r])], validity),
                StringColumn c => new StringColumn(c.Name, [.. rows.Select(r => r < 0 ? null : c.Values[r])], validity),
                _ => throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind."),
            };
        }).ToList();
        return new Table(columns, rows.Count);
    }

    /// <summary>A seeded split into a training part (the given share, rounded down) and the rest, each in row order.</summary>
    public static (Table Train, Table Holdout) Split(Table table, double trainShare, ulong seed)
    {
        var random = new Sampling.RandomStream(seed, 0);
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        for (int i = order.Length - 1; i > 0; i--) { int j = random.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        int cut = (int)(table.RowCount * trainShare);
        var train = order[..cut];
        var holdout = order[cut..];
        Array.Sort(train);
        Array.Sort(holdout);
        return (Select(table, train), Select(table, holdout));
    }
}
