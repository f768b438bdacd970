using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// The checks every comparison of a real and a synthetic table needs before it computes anything: the same
/// columns with the same physical kinds, a synthetic table with rows, and metadata that describes them.
/// </summary>
internal static class TablePair
{
    /// <summary>
    /// Throws <see cref="DoppelException"/> (<see cref="ErrorKind.Data"/>) when the tables' column sets or a
    /// column's physical kind differ or a table is empty, and (<see cref="ErrorKind.Metadata"/>) when the metadata
    /// does not describe exactly those columns or gives a column a type its values cannot have.
    /// </summary>
    public static void Check(Table real, Table synthetic, TableMetadata metadata)
    {
        var realNames = real.Columns.Select(c => c.Name).ToList();
        var syntheticNames = synthetic.Columns.Select(c => c.Name).ToList();
        var missing = realNames.Except(syntheticNames, StringComparer.Ordinal).ToList();
        var extra = syntheticNames.Except(realNames, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"lacks column(s) {Quote(missing)} of the real table");
            if (extra.Count > 0) parts.Add($"has column(s) {Quote(extra)} that the real table does not have");
            throw new DoppelException(ErrorKind.Data,
                $"The synthetic table {string.Join(" and ", parts)}. Both tables need the same columns.");
        }

        foreach (var column in real.Columns)
        {
            var other = synthetic[column.Name];
            if (other.Kind != column.Kind)
                throw new DoppelException(ErrorKind.Data,
                    $"Column '{column.Name}' holds {KindName(column.Kind)} in the real table but {KindName(other.Kind)} in the synthetic table.");
        }

        if (synthetic.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, "The synthetic table has no rows: there is nothing to evaluate.");
        if (real.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, "The real table has no rows: there is nothing to compare with.");

        var described = metadata.Columns.Select(c => c.Name).ToList();
        var undescribed = realNames.Except(described, StringComparer.Ordinal).ToList();
        if (undescribed.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"The tables have column(s) {Quote(undescribed)} that the metadata does not describe.");
        var absent = described.Except(realNames, StringComparer.Ordinal).ToList();
        if (absent.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata names column(s) {Quote(absent)} that the tables do not have.");

        foreach (var meta in metadata.Columns)
        {
            var kind = real[meta.Name].Kind;
            bool fits = meta.Type switch
            {
                SemanticType.Numerical or SemanticType.Datetime => kind is ColumnKind.Number or ColumnKind.DateTime,
                SemanticType.Categorical or SemanticType.Boolean => kind is not ColumnKind.DateTime,
                _ => true,
            };
            if (!fits)
                throw new DoppelException(ErrorKind.Metadata,
                    $"Column '{meta.Name}' is {meta.TypeName} in the metadata but holds {KindName(kind)}.");
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Number => "numbers",
        ColumnKind.Category => "categories",
        ColumnKind.Boolean => "booleans",
        ColumnKind.DateTime => "datetimes",
        _ => "strings",
    };
}
