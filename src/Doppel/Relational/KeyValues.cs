using System.Globalization;
using Doppel.Data;

namespace Doppel.Relational;

/// <summary>Key and foreign-key cells as invariant text, whatever the column's storage, so keys compare exactly.</summary>
internal static class KeyValues
{
    /// <summary>The cell as text, or null.</summary>
    public static string? Text(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        return column switch
        {
            StringColumn s => s.Values[row],
            NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
            CategoryColumn c => c.Categories[c.Codes[row]],
            BooleanColumn b => b.Values[row] ? "true" : "false",
            DateTimeColumn d => new DateTime(d.Ticks[row]).ToString("O", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException(column.GetType().Name),
        };
    }

    /// <summary>Every cell of the column as text.</summary>
    public static string?[] Texts(Column column)
    {
        var result = new string?[column.Length];
        for (int i = 0; i < result.Length; i++) result[i] = Text(column, i);
        return result;
    }

    /// <summary>One composite value per row (parts joined by a separator that never occurs in keys), null when any part is null.</summary>
    public static string?[] Tuples(Table table, IReadOnlyList<string> columns)
    {
        if (columns.Count == 1) return Texts(table[columns[0]]);
        var parts = columns.Select(c => Texts(table[c])).ToArray();
        var result = new string?[table.RowCount];
        for (int i = 0; i < result.Length; i++)
            result[i] = parts.Any(p => p[i] is null) ? null : string.Join('\u001f', parts.Select(p => p[i]));
        return result;
    }

    /// <summary>A composite value as users read it: <c>(1, 2)</c>, or the plain value for one column.</summary>
    public static string Show(string tuple) => tuple.Contains('\u001f', StringComparison.Ordinal) ? $"({tuple.Replace("\u001f", ", ", StringComparison.Ordinal)})" : $"'{tuple}'";
}
