using Doppel.Metadata;

namespace Doppel.Data;

/// <summary>Joins batches of the same schema into one table.</summary>
internal static class TableConcat
{
    public static Table Concat(IReadOnlyList<Table> batches, TableMetadata metadata, int rows)
    {
        var columns = new Column[metadata.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            string name = metadata.Columns[c].Name;
            var validity = new Validity(rows);
            int offset = 0;
            var parts = batches.Select(b => b.Columns[c]).ToList();
            foreach (var part in parts)
            {
                for (int i = 0; i < part.Length; i++) if (part.IsNull(i)) validity.Set(offset + i, false);
                offset += part.Length;
            }
            columns[c] = parts.Count == 0 ? Empty(metadata.Columns[c]) : parts[0] switch
            {
                NumberColumn => new NumberColumn(name, [.. parts.SelectMany(p => ((NumberColumn)p).Values)], validity),
                DateTimeColumn => new DateTimeColumn(name, [.. parts.SelectMany(p => ((DateTimeColumn)p).Ticks)], validity),
                BooleanColumn => new BooleanColumn(name, [.. parts.SelectMany(p => ((BooleanColumn)p).Values)], validity),
                CategoryColumn first => new CategoryColumn(name, [.. parts.SelectMany(p => ((CategoryColumn)p).Codes)], first.Categories, validity),
                _ => new StringColumn(name, [.. parts.SelectMany(p => ((StringColumn)p).Values)], validity),
            };
        }
        return new Table(columns, rows);
    }

    private static Column Empty(ColumnMetadata meta) => meta.Type switch
    {
        SemanticType.Numerical => new NumberColumn(meta.Name, []),
        SemanticType.Datetime => new DateTimeColumn(meta.Name, []),
        SemanticType.Boolean => new BooleanColumn(meta.Name, []),
        SemanticType.Categorical => new CategoryColumn(meta.Name, [], []),
        _ => new StringColumn(meta.Name, []),
    };
}
