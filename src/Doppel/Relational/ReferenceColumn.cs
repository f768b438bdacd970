using Doppel.Data;

namespace Doppel.Relational;

/// <summary>
/// One column of a reference table as stored in the database model: the user declared the table public lookup
/// data, so its values are kept as they are (the one exception to "models hold no rows").
/// </summary>
internal sealed record ReferenceColumn
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>The physical kind.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Numbers, date ticks (as text, exactly) or booleans; strings and categories as they are; null is null.</summary>
    public required string?[] Values { get; init; }

    /// <summary>Stores <paramref name="column"/>'s values.</summary>
    public static ReferenceColumn Of(Column column)
    {
        var values = new string?[column.Length];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < values.Length; i++)
        {
            if (column.IsNull(i)) continue;
            values[i] = column switch
            {
                NumberColumn n => n.Values[i].ToString("R", invariant),
                CategoryColumn c => c.Categories[c.Codes[i]],
                BooleanColumn b => b.Values[i] ? "true" : "false",
                DateTimeColumn d => d.Ticks[i].ToString(invariant),
                StringColumn s => s.Values[i],
                _ => throw new InvalidOperationException($"Unknown column kind {column.Kind}."),
            };
        }
        return new ReferenceColumn { Name = column.Name, Kind = column.Kind, Values = values };
    }

    /// <summary>The stored column, of its original kind.</summary>
    public Column ToColumn()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var validity = new Validity(Values.Length);
        for (int i = 0; i < Values.Length; i++) if (Values[i] is null) validity.Set(i, false);
        switch (Kind)
        {
            case ColumnKind.Number: return new NumberColumn(Name, [.. Values.Select(v => v is null ? 0 : double.Parse(v, invariant))], validity);
            case ColumnKind.Boolean: return new BooleanColumn(Name, [.. Values.Select(v => v == "true")], validity);
            case ColumnKind.DateTime: return new DateTimeColumn(Name, [.. Values.Select(v => v is null ? 0 : long.Parse(v, invariant))], validity);
            case ColumnKind.Category:
                var categories = Values.Where(v => v is not null).Distinct(StringComparer.Ordinal).ToArray()!;
                var code = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int c = 0; c < categories.Length; c++) code[categories[c]!] = c;
                return new CategoryColumn(Name, [.. Values.Select(v => v is null ? 0 : code[v])], categories!, validity);
            default: return new StringColumn(Name, (string?[])Values.Clone());
        }
    }
}
