using System.Globalization;
using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>Typed reads of single cells for the constraint checks.</summary>
internal static class Cells
{
    /// <summary>The column named <paramref name="name"/>: a plain loop, since the checks look columns up for every row.</summary>
    public static Column Of(Table table, string name)
    {
        var columns = table.Columns;
        for (int i = 0; i < columns.Count; i++) if (ReferenceEquals(columns[i].Name, name) || columns[i].Name == name) return columns[i];
        throw new KeyNotFoundException($"No column '{name}'.");
    }

    /// <summary>A number or a datetime's ticks; null for a null cell or another kind.</summary>
    public static double? Number(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        return column switch
        {
            NumberColumn n => n.Values[row],
            DateTimeColumn d => d.Ticks[row],
            _ => null,
        };
    }

    /// <summary>The cell as text, equal for equal values of any kind (the key of uniqueness and combinations); null for null.</summary>
    public static string? Key(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        return column switch
        {
            NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
            DateTimeColumn d => d.Ticks[row].ToString(CultureInfo.InvariantCulture),
            BooleanColumn b => b.Values[row] ? "true" : "false",
            CategoryColumn c => c.Categories[c.Codes[row]],
            StringColumn s => s.Values[row],
            _ => null,
        };
    }

    /// <summary>Writes <paramref name="key"/> (from <see cref="Key"/>) into a cell; false when the column cannot hold it.</summary>
    public static bool TrySet(Column column, int row, string key, Dictionary<string, int>? codes)
    {
        switch (column)
        {
            case NumberColumn n when double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out double x):
                n.Values[row] = x;
                return true;
            case BooleanColumn b:
                b.Values[row] = key == "true";
                return true;
            case CategoryColumn c when codes is not null && codes.TryGetValue(key, out int code):
                c.Codes[row] = code;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Rounds a number as the writers do (integers whole, decimals to the column's places), so what is checked is what is written.</summary>
    public static double Round(double value, Metadata.ColumnMetadata meta)
    {
        if (meta.Integer && Math.Abs(value) < 9e18) return Math.Round(value);
        return meta.Decimals is { } d ? Math.Round(value, Math.Min(d, 15)) : value;
    }
}
