using System.Globalization;
using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>A column's values as strings, the form in which categories (and keys) are compared across tables.</summary>
internal static class ColumnLabels
{
    /// <summary>The label of every row, null for null. Booleans are "true"/"false"; numbers use the round-trip format.</summary>
    public static string?[] Of(Column column)
    {
        var result = new string?[column.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = column.IsNull(i) ? null : column switch
            {
                CategoryColumn c => c.Categories[c.Codes[i]],
                BooleanColumn b => b.Values[i] ? "true" : "false",
                StringColumn s => s.Values[i],
                NumberColumn n => double.IsNaN(n.Values[i]) ? null : n.Values[i].ToString("R", CultureInfo.InvariantCulture),
                DateTimeColumn d => d.Ticks[i].ToString(CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind."),
            };
        return result;
    }
}
