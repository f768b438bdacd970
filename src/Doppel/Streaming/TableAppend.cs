using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Streaming;

/// <summary>
/// Joins typed batches of one metadata into one table. Unlike <see cref="TableConcat"/> (sampled batches of one model,
/// which share their categories), batches read from files each have their own category dictionary, so codes are
/// re-mapped to one dictionary in order of first appearance.
/// </summary>
internal static class TableAppend
{
    public static Table Concat(IReadOnlyList<Table> parts, TableMetadata metadata)
    {
        if (parts.Count == 1) return parts[0];
        if (parts.Count == 0) throw new ArgumentException("Nothing to join.", nameof(parts));
        int rows = parts.Sum(p => p.RowCount);
        var columns = new Column[metadata.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var pieces = parts.Select(p => p.Columns[c]).ToList();
            if (pieces[0] is not CategoryColumn first)
            {
                columns[c] = Join(pieces, rows);
                continue;
            }
            var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = new List<string>();
            var codes = new int[rows];
            var validity = new Validity(rows);
            int at = 0;
            foreach (CategoryColumn piece in pieces)
            {
                var map = new int[piece.Categories.Length];
                for (int k = 0; k < map.Length; k++)
                {
                    if (!dictionary.TryGetValue(piece.Categories[k], out int code))
                    {
                        dictionary[piece.Categories[k]] = code = categories.Count;
                        categories.Add(piece.Categories[k]);
                    }
                    map[k] = code;
                }
                for (int i = 0; i < piece.Length; i++, at++)
                {
                    if (piece.IsNull(i)) validity.Set(at, false);
                    else codes[at] = map[piece.Codes[i]];
                }
            }
            columns[c] = new CategoryColumn(first.Name, codes, [.. categories], validity);
        }
        return new Table(columns, rows);
    }

    private static Column Join(List<Column> pieces, int rows)
    {
        var validity = new Validity(rows);
        int at = 0;
        foreach (var piece in pieces)
        {
            for (int i = 0; i < piece.Length; i++) if (piece.IsNull(i)) validity.Set(at + i, false);
            at += piece.Length;
        }
        string name = pieces[0].Name;
        return pieces[0] switch
        {
            NumberColumn => new NumberColumn(name, [.. pieces.SelectMany(p => ((NumberColumn)p).Values)], validity),
            DateTimeColumn => new DateTimeColumn(name, [.. pieces.SelectMany(p => ((DateTimeColumn)p).Ticks)], validity),
            BooleanColumn => new BooleanColumn(name, [.. pieces.SelectMany(p => ((BooleanColumn)p).Values)], validity),
            _ => new StringColumn(name, [.. pieces.SelectMany(p => ((StringColumn)p).Values)], validity),
        };
    }
}
