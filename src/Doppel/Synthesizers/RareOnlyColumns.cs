using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Synthesizers;

/// <summary>
/// A categorical column none of whose categories is seen k times has nothing a model may reproduce: every value
/// would come from the protected rare bucket and be written as <c>_RARE_</c>. Such a column is modelled as text
/// instead, generated fresh in the shapes of its values (<c>PatternColumnModel</c>), unless rare categories are
/// kept. The model's metadata then says text for it, which is how the CLI tells the user.
/// </summary>
internal static class RareOnlyColumns
{
    /// <summary>The data and metadata with every rare-only categorical column turned into text.</summary>
    public static (Table Data, TableMetadata Metadata) AsText(Table data, TableMetadata metadata, SynthesizerOptions options)
    {
        if (options.KeepRare || options.RareAsToken) return (data, metadata); // asked for: the categories, or the token
        Column[]? columns = null;
        ColumnMetadata[]? metas = null;
        for (int c = 0; c < data.Columns.Count; c++)
        {
            if (metadata.Columns[c].Type != SemanticType.Categorical || data.Columns[c] is not CategoryColumn categories || !AllRare(categories, options.RareThreshold)) continue;
            columns ??= [.. data.Columns];
            metas ??= [.. metadata.Columns];
            var values = new string?[categories.Length];
            for (int i = 0; i < values.Length; i++) values[i] = categories.IsNull(i) ? null : categories.Categories[categories.Codes[i]];
            columns[c] = new StringColumn(categories.Name, values, categories.Validity);
            metas[c] = new ColumnMetadata(metas[c].Name, SemanticType.Text);
        }
        return columns is null ? (data, metadata) : (new Table(columns, data.RowCount), metadata with { Columns = metas! });
    }

    /// <summary>True when the column has values and none of its categories reaches <paramref name="threshold"/> rows.</summary>
    private static bool AllRare(CategoryColumn column, int threshold)
    {
        var counts = new int[column.Categories.Length];
        bool any = false;
        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            any = true;
            if (++counts[column.Codes[i]] >= threshold) return false;
        }
        return any;
    }
}
