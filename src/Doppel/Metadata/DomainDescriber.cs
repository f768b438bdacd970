using Doppel.Data;

namespace Doppel.Metadata;

/// <summary>
/// Fills each column's domain (categories, bounds, whether it has nulls) from a table, for <c>doppel inspect
/// --domain</c>. Read from data, a domain is as private as the data: declare it public (<c>--public-metadata</c>)
/// only when it is public knowledge anyway (a codebook, a standard code list, published ranges), after editing it.
/// </summary>
public static class DomainDescriber
{
    /// <summary>The metadata with every categorical, boolean, numerical and datetime column's domain taken from <paramref name="data"/>.</summary>
    public static TableMetadata Describe(Table data, TableMetadata metadata)
    {
        var columns = metadata.Columns.Select((meta, c) =>
        {
            var column = data.Columns[c];
            bool nullable = Enumerable.Range(0, column.Length).Any(column.IsNull);
            switch (column)
            {
                case CategoryColumn categories when meta.Type is SemanticType.Categorical or SemanticType.Boolean:
                    var seen = new bool[categories.Categories.Length];
                    for (int i = 0; i < column.Length; i++) if (!column.IsNull(i)) seen[categories.Codes[i]] = true;
                    string[] list = [.. categories.Categories.Where((_, j) => seen[j]).Order(StringComparer.Ordinal)];
                    return meta with { Categories = list.Length > 0 ? list : null, Nullable = nullable };
                case BooleanColumn when meta.Type == SemanticType.Boolean:
                    return meta with { Categories = ["false", "true"], Nullable = nullable };
                case NumberColumn numbers when meta.Type == SemanticType.Numerical:
                    return WithBounds(meta, Enumerable.Range(0, column.Length).Where(i => !column.IsNull(i)).Select(i => numbers.Values[i]), nullable);
                case DateTimeColumn dates when meta.Type == SemanticType.Datetime:
                    return WithBounds(meta, Enumerable.Range(0, column.Length).Where(i => !column.IsNull(i)).Select(i => (double)dates.Ticks[i]), nullable);
                default:
                    return meta;
            }
        }).ToList();
        return metadata with { Columns = columns };
    }

    private static ColumnMetadata WithBounds(ColumnMetadata meta, IEnumerable<double> values, bool nullable)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return min > max ? meta with { Nullable = nullable } : meta with { Min = min, Max = max, Nullable = nullable };
    }
}
