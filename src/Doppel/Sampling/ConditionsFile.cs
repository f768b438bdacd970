using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Sampling;

/// <summary>
/// <c>--conditions FILE.csv</c>: one condition per line, as SDV's conditions. The columns are condition columns
/// (named as in the table) plus <c>num_rows</c>, the exact number of rows for that line; an empty cell puts no
/// condition on that column. Lines become <see cref="ConditionedRows"/> parts, written in line order.
/// </summary>
public static class ConditionsFile
{
    /// <summary>The column that holds each line's row count.</summary>
    public const string CountColumn = "num_rows";

    /// <summary>Reads a conditions file against <paramref name="metadata"/>.</summary>
    public static IReadOnlyList<ConditionedRows> Read(string path, TableMetadata metadata) => Parse(CsvReader.Read(path), metadata);

    /// <summary>Turns a read conditions table into parts (errors name the file, line and column).</summary>
    public static IReadOnlyList<ConditionedRows> Parse(RawTable raw, TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(metadata);
        int countAt = Array.IndexOf(raw.Names, CountColumn);
        if (countAt < 0)
            throw new DoppelException(ErrorKind.Data, $"{raw.Source}: the conditions file needs a '{CountColumn}' column with the number of rows of each line.");
        var columns = new List<(int At, ColumnMetadata Meta)>();
        for (int i = 0; i < raw.Names.Length; i++)
        {
            if (i == countAt) continue;
            var meta = metadata.Find(raw.Names[i]) ?? throw new DoppelException(ErrorKind.Data,
                $"{raw.Source}: unknown column '{raw.Names[i]}'; conditions name the table's columns ({string.Join(", ", metadata.Columns.Select(c => $"'{c.Name}'"))}) plus '{CountColumn}'.");
            if (meta.Type is not (SemanticType.Categorical or SemanticType.Boolean or SemanticType.Numerical or SemanticType.Datetime))
                throw new DoppelException(ErrorKind.Data, $"{raw.Source}: column '{meta.Name}' is {meta.Type.ToString().ToLowerInvariant()}; conditions can fix categorical, boolean, numerical or datetime columns.");
            columns.Add((i, meta));
        }
        var parts = new List<ConditionedRows>();
        for (int row = 0; row < raw.RowCount; row++)
        {
            int line = row + 2; // the header is line 1
            string? countText = raw.Columns[countAt][row];
            if (!long.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) || count < 0)
                throw new DoppelException(ErrorKind.Data, $"{raw.Source} line {line}: '{CountColumn}' must be a whole number 0 or more, not '{countText}'.");
            var terms = new List<string>();
            foreach (var (at, meta) in columns)
            {
                string? value = raw.Columns[at][row];
                if (string.IsNullOrEmpty(value)) continue;
                if (meta.Type == SemanticType.Numerical && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new DoppelException(ErrorKind.Data, $"{raw.Source} line {line}: column '{meta.Name}' is numerical; '{value}' is not a number.");
                if (meta.Type == SemanticType.Boolean && !meta.Spelling.TryParse(value, out _))
                    throw new DoppelException(ErrorKind.Data, $"{raw.Source} line {line}: column '{meta.Name}' is boolean; write {meta.Spelling.True} or {meta.Spelling.False}, not '{value}'.");
                terms.Add(ConditionText.Equal(meta, value));
            }
            if (terms.Count == 0)
                throw new DoppelException(ErrorKind.Data, $"{raw.Source} line {line}: no condition (every condition cell is empty).");
            parts.Add(new ConditionedRows(string.Join(" and ", terms), count));
        }
        if (parts.Count == 0) throw new DoppelException(ErrorKind.Data, $"{raw.Source}: the conditions file has no lines.");
        return parts;
    }
}
