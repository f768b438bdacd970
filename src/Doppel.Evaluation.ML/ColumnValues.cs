using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.ML;

/// <summary>
/// Reads a column as numbers or as labels whatever its physical kind, and finds columns by name with errors that
/// say what to fix. Real and synthetic tables have different category dictionaries, so categories are compared by
/// their strings.
/// </summary>
internal static class ColumnValues
{
    /// <summary>True when the column is modelled as a number (numbers and datetimes) rather than as a category.</summary>
    public static bool IsNumeric(Column column) => column is NumberColumn or DateTimeColumn;

    /// <summary>
    /// The values as doubles, NaN for null: numbers as they are, datetimes as days (ticks / ticks per day) minus
    /// <paramref name="originDays"/>.
    /// </summary>
    public static double Number(Column column, int row, double originDays = 0) =>
        column.IsNull(row) ? double.NaN : column switch
        {
            NumberColumn n => n.Values[row],
            DateTimeColumn d => d.Ticks[row] / (double)TimeSpan.TicksPerDay - originDays,
            _ => throw new DoppelException(ErrorKind.Data,
                $"Column '{column.Name}' holds {column.Kind} values where numbers or datetimes were expected; give both tables the same metadata."),
        };

    /// <summary>The value as a label (null for null): categories by their string, booleans as true/false, numbers invariant.</summary>
    public static string? Label(Column column, int row) =>
        column.IsNull(row) ? null : column switch
        {
            CategoryColumn c => c.Categories[c.Codes[row]],
            BooleanColumn b => b.Values[row] ? "true" : "false",
            StringColumn s => s.Values[row],
            NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
            DateTimeColumn d => new DateTime(d.Ticks[row], DateTimeKind.Unspecified).ToString("O", CultureInfo.InvariantCulture),
            _ => throw new DoppelException(ErrorKind.Data, $"Column '{column.Name}' cannot be read as labels."),
        };

    /// <summary>The column named <paramref name="name"/> of a table, or a data error naming the table's role.</summary>
    public static Column Require(Table table, string name, string role) =>
        table.Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new DoppelException(ErrorKind.Data, $"Column '{name}' is missing from the {role} table; it has {List(table.Columns.Select(c => c.Name))}.");

    /// <summary>The metadata of a column the caller named, or a usage error listing the columns there are.</summary>
    public static ColumnMetadata RequireNamed(TableMetadata metadata, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        return metadata.Find(name)
            ?? throw new DoppelException(ErrorKind.Usage, $"The {what} column '{name}' does not exist; available columns: {List(metadata.Columns.Select(c => c.Name))}.");
    }

    /// <summary>Names quoted and comma-separated.</summary>
    public static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
