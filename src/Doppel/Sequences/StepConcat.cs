using Doppel.Data;

namespace Doppel.Sequences;

/// <summary>Joins step tables (from the first- and next-step models, whose category lists may differ) into one, by column name.</summary>
internal static class StepConcat
{
    public static Table Concat(IReadOnlyList<Table> parts, IReadOnlyList<string> names, IReadOnlyDictionary<string, Column> emptyLike)
    {
        int rows = parts.Sum(p => p.RowCount);
        var columns = new List<Column>();
        foreach (string name in names)
        {
            var pieces = parts.Select(p => p[name]).ToList();
            if (pieces.Count == 0) { columns.Add(StepColumns.Empty(emptyLike[name], 0, name)); continue; }
            var validity = new Validity(rows);
            int offset = 0;
            foreach (var piece in pieces)
            {
                for (int i = 0; i < piece.Length; i++) if (piece.IsNull(i)) validity.Set(offset + i, false);
                offset += piece.Length;
            }
            columns.Add(pieces[0] switch
            {
                NumberColumn => new NumberColumn(name, [.. pieces.SelectMany(p => ((NumberColumn)p).Values)], validity),
                DateTimeColumn => new DateTimeColumn(name, [.. pieces.SelectMany(p => ((DateTimeColumn)p).Ticks)], validity),
                BooleanColumn => new BooleanColumn(name, [.. pieces.SelectMany(p => ((BooleanColumn)p).Values)], validity),
                CategoryColumn => Categories(name, pieces.Cast<CategoryColumn>().ToList(), validity),
                _ => new StringColumn(name, [.. pieces.SelectMany(p => ((StringColumn)p).Values)], validity),
            });
        }
        return new Table(columns, rows);
    }

    /// <summary>Category columns with one category list: the first piece's, extended by the others' new names.</summary>
    private static CategoryColumn Categories(string name, List<CategoryColumn> pieces, Validity validity)
    {
        var names = new List<string>(pieces[0].Categories);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) index.TryAdd(names[i], i);
        var codes = new List<int>();
        foreach (var piece in pieces)
        {
            var map = new int[piece.Categories.Length];
            for (int c = 0; c < map.Length; c++)
            {
                if (!index.TryGetValue(piece.Categories[c], out int at)) { index[piece.Categories[c]] = at = names.Count; names.Add(piece.Categories[c]); }
                map[c] = at;
            }
            for (int i = 0; i < piece.Length; i++) codes.Add(piece.IsNull(i) || map.Length == 0 ? 0 : map[piece.Codes[i]]);
        }
        return new CategoryColumn(name, [.. codes], [.. names], validity);
    }
}
