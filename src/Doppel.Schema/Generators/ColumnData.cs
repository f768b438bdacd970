using Doppel.Data;

namespace Doppel.Schema.Generators;

/// <summary>One block of one column while it is generated: the typed array of its kind and its validity.</summary>
internal sealed class ColumnData
{
    public ColumnData(ColumnKind kind, int rows, string[]? categories)
    {
        Kind = kind;
        Validity = new Validity(rows);
        switch (kind)
        {
            case ColumnKind.Number: Numbers = new double[rows]; break;
            case ColumnKind.Category: Codes = new int[rows]; Categories = categories ?? []; break;
            case ColumnKind.Boolean: Bools = new bool[rows]; break;
            case ColumnKind.DateTime: Ticks = new long[rows]; break;
            default: Strings = new string?[rows]; break;
        }
    }

    public ColumnKind Kind { get; }
    public Validity Validity { get; }
    public double[]? Numbers { get; }
    public int[]? Codes { get; }
    public string[]? Categories { get; }
    public bool[]? Bools { get; }
    public long[]? Ticks { get; }
    public string?[]? Strings { get; }

    public void SetNull(int row)
    {
        Validity.Set(row, false);
        if (Strings is not null) Strings[row] = null;
    }

    /// <summary>Copies row <paramref name="from"/> of <paramref name="source"/> (a parent key's value) into row <paramref name="to"/>.</summary>
    public void CopyFrom(ColumnData source, int from, int to)
    {
        switch (Kind)
        {
            case ColumnKind.Number: Numbers![to] = source.Numbers![from]; break;
            case ColumnKind.Category: Codes![to] = source.Codes![from]; break;
            case ColumnKind.Boolean: Bools![to] = source.Bools![from]; break;
            case ColumnKind.DateTime: Ticks![to] = source.Ticks![from]; break;
            default: Strings![to] = source.Strings![from]; break;
        }
        Validity.Set(to, source.Validity.IsValid(from));
    }

    public Column ToColumn(string name) => Kind switch
    {
        ColumnKind.Number => new NumberColumn(name, Numbers!, Validity),
        ColumnKind.Category => new CategoryColumn(name, Codes!, Categories!, Validity),
        ColumnKind.Boolean => new BooleanColumn(name, Bools!, Validity),
        ColumnKind.DateTime => new DateTimeColumn(name, Ticks!, Validity),
        _ => new StringColumn(name, Strings!, Validity),
    };
}
