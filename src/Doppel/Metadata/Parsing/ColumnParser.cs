using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>
/// Parses one column's cells, as the metadata types it, straight into a typed <see cref="Column"/>: a number from its
/// characters, a category by a lookup of its characters, a datetime in the column's format. No string is made where
/// the type does not need one. A cell that does not fit the type is an error naming column and row.
/// </summary>
internal abstract class ColumnParser(ColumnMetadata meta, ParseContext context)
{
    /// <summary>Which rows hold a value.</summary>
    protected GrowingValidity Validity { get; } = new();

    /// <summary>The column's metadata.</summary>
    public ColumnMetadata Metadata => meta;

    /// <summary>How cells are read and where problems are reported.</summary>
    protected ParseContext Context => context;

    /// <summary>The parser for <paramref name="meta"/>'s type.</summary>
    public static ColumnParser For(ColumnMetadata meta, ParseContext context) => meta.Type switch
    {
        SemanticType.Numerical => new NumberParser(meta, context),
        SemanticType.Boolean => new BooleanParser(meta, context),
        SemanticType.Datetime => new DateTimeParser(meta, context),
        SemanticType.Categorical => new CategoryParser(meta, context),
        _ => new TextParser(meta, context),
    };

    /// <summary>Appends an empty cell (null).</summary>
    public void AddNull() => Validity.Next();

    /// <summary>Appends a non-empty cell.</summary>
    public abstract void Add(ReadOnlySpan<char> cell);

    /// <summary>Appends a non-empty cell held as a string (kept as it is where the column stores text).</summary>
    public virtual void Add(string cell) => Add(cell.AsSpan());

    /// <summary>The column of every cell appended.</summary>
    public abstract Column Build();

    /// <summary>Grows <paramref name="values"/> (doubling) so that index <paramref name="row"/> fits.</summary>
    protected static void Fit<T>(ref T[] values, int row)
    {
        if (row >= values.Length) Array.Resize(ref values, Math.Max(1024, values.Length * 2));
    }

    /// <summary>Trims <paramref name="values"/> to the rows appended.</summary>
    protected T[] Trimmed<T>(T[] values)
    {
        Array.Resize(ref values, Validity.Count);
        return values;
    }

    /// <summary>The error for a cell of row <paramref name="row"/> (0-based) that is not <paramref name="expected"/>.</summary>
    protected DoppelException Bad(int row, ReadOnlySpan<char> cell, string expected)
    {
        string value = cell.Length <= 40 ? cell.ToString() : string.Concat(cell[..37], "...");
        string message = $"{context.Source}: column '{meta.Name}', row {row + 1} holds '{value}', which is not {expected}. ";
        message += context.DetectedRows is { } detected && row >= detected
            ? $"The column's type was detected from the first {detected:N0} rows. Fix the value, leave it empty, detect on more rows (--detect-rows, ParseOptions.DetectRows), or declare the column's type in the metadata."
            : "Fix the value, leave it empty, or change the column's type in the metadata.";
        return new DoppelException(ErrorKind.Data, message);
    }
}

/// <summary>What every column parser of one table shares.</summary>
/// <param name="Source">Names the data in messages.</param>
/// <param name="Options">Number culture and null tokens.</param>
/// <param name="Warnings">Receives what the user should know (thread-safe adds), or null.</param>
/// <param name="DetectedRows">Rows the types were detected from when fewer than the table's (later rows may break them), else null.</param>
internal sealed record ParseContext(string Source, ParseOptions Options, ICollection<string>? Warnings, int? DetectedRows = null)
{
    /// <summary>Adds a warning (columns may be parsed in parallel).</summary>
    public void Warn(string message)
    {
        if (Warnings is null) return;
        lock (Warnings) Warnings.Add(message);
    }
}
