namespace Doppel.Data;

/// <summary>The same values under another name (arrays and validity shared, nothing copied).</summary>
internal static class ColumnRename
{
    public static Column Renamed(this Column column, string name) => column switch
    {
        NumberColumn c => new NumberColumn(name, c.Values, c.Validity),
        CategoryColumn c => new CategoryColumn(name, c.Codes, c.Categories, c.Validity),
        BooleanColumn c => new BooleanColumn(name, c.Values, c.Validity),
        DateTimeColumn c => new DateTimeColumn(name, c.Ticks, c.Validity),
        StringColumn c => new StringColumn(name, c.Values, c.Validity),
        _ => throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind."),
    };
}
