using Doppel.Data;

namespace Doppel.Transforms;

/// <summary>
/// Numeric and datetime columns with some values, but fewer than <see cref="ProtectedTails.MinValues"/>: too few to
/// hide any one of them, so the synthesizers without differential privacy generate them as all null. Found here so
/// the user is told rather than surprised by an empty column.
/// </summary>
internal static class SparseColumns
{
    /// <summary>Each such column of <paramref name="table"/> with its count of non-null values.</summary>
    public static IEnumerable<(string Name, int Values)> Of(Table table)
    {
        foreach (var column in table.Columns)
        {
            if (column is not (NumberColumn or DateTimeColumn)) continue;
            int values = column.Length - column.Validity.NullCount;
            if (values is > 0 and < ProtectedTails.MinValues) yield return (column.Name, values);
        }
    }

    /// <summary>What to tell the user about one such column.</summary>
    public static string Warning(string name, int values) =>
        $"Column '{name}' has {values} value{(values == 1 ? "" : "s")}; a column needs at least {ProtectedTails.MinValues} so that no single row's value can be read back, so it is generated as all null.";
}
