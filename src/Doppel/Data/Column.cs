namespace Doppel.Data;

/// <summary>The physical storage of a column (its semantic type lives in the metadata).</summary>
public enum ColumnKind
{
    /// <summary>64-bit floating point numbers (integers included).</summary>
    Number,
    /// <summary>Dictionary-encoded strings: an int code per row into a list of categories.</summary>
    Category,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>Date and time, as <see cref="DateTime.Ticks"/>.</summary>
    DateTime,
    /// <summary>Free strings (text, identifiers, personal data).</summary>
    String,
}

/// <summary>One typed column of a <see cref="Table"/>, with a validity bitmap.</summary>
public abstract class Column
{
    /// <summary>Creates a column of <paramref name="length"/> rows.</summary>
    protected Column(string name, int length, Validity? validity)
    {
        Name = name;
        Length = length;
        Validity = validity ?? new Validity(length);
        if (Validity.Length != length) throw new ArgumentException("Validity length does not match the column.", nameof(validity));
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Which rows hold a value.</summary>
    public Validity Validity { get; }

    /// <summary>The physical kind.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>True when row <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => !Validity.IsValid(row);
}

/// <summary>Numbers (integers and decimals) as doubles.</summary>
public sealed class NumberColumn(string name, double[] values, Validity? validity = null)
    : Column(name, values.Length, validity)
{
    /// <summary>The values; meaningless where the row is null.</summary>
    public double[] Values { get; } = values;

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Number;
}

/// <summary>Dictionary-encoded categories: <see cref="Codes"/> index into <see cref="Categories"/>.</summary>
public sealed class CategoryColumn(string name, int[] codes, string[] categories, Validity? validity = null)
    : Column(name, codes.Length, validity)
{
    /// <summary>Per-row code into <see cref="Categories"/>; meaningless where the row is null.</summary>
    public int[] Codes { get; } = codes;

    /// <summary>The distinct values.</summary>
    public string[] Categories { get; } = categories;

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Category;
}

/// <summary>Booleans.</summary>
public sealed class BooleanColumn(string name, bool[] values, Validity? validity = null)
    : Column(name, values.Length, validity)
{
    /// <summary>The values; meaningless where the row is null.</summary>
    public bool[] Values { get; } = values;

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Boolean;
}

/// <summary>Date-times as ticks (100 ns since 0001-01-01), without time zone.</summary>
public sealed class DateTimeColumn(string name, long[] ticks, Validity? validity = null)
    : Column(name, ticks.Length, validity)
{
    /// <summary>The ticks; meaningless where the row is null.</summary>
    public long[] Ticks { get; } = ticks;

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.DateTime;
}

/// <summary>Free strings; null entries are nulls.</summary>
public sealed class StringColumn(string name, string?[] values, Validity? validity = null)
    : Column(name, values.Length, validity ?? ValidityOf(values))
{
    /// <summary>The values.</summary>
    public string?[] Values { get; } = values;

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.String;

    private static Validity ValidityOf(string?[] values)
    {
        var validity = new Validity(values.Length);
        for (int i = 0; i < values.Length; i++) if (values[i] is null) validity.Set(i, false);
        return validity;
    }
}
