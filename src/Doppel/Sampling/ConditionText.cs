using System.Globalization;
using Doppel.Metadata;

namespace Doppel.Sampling;

/// <summary>Writes conditions in the expression language (docs/expressions.md) from column names and values.</summary>
internal static class ConditionText
{
    /// <summary>A column name, always quoted (any name works).</summary>
    public static string Column(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary><c>column = value</c>, the value written as the column's type needs.</summary>
    public static string Equal(ColumnMetadata column, string value) => $"{Column(column.Name)} = {Literal(column, value)}";

    /// <summary>A value as a literal of the column's type: numbers and booleans bare, the rest in single quotes.</summary>
    public static string Literal(ColumnMetadata column, string value) => column.Type switch
    {
        SemanticType.Numerical => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        SemanticType.Boolean => column.Spelling.TryParse(value, out bool b) ? (b ? "true" : "false") : value.ToLowerInvariant(),
        _ => "'" + value.Replace("'", "''") + "'",
    };
}
