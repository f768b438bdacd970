namespace Doppel.Data;

/// <summary>
/// Text cells as read from a file, before types are known: one <c>string?[]</c> per column, null = empty cell.
/// Readers produce it; <see cref="Metadata.MetadataDetector"/> and <see cref="Metadata.TableConverter"/> turn it into a <see cref="Table"/>.
/// </summary>
public sealed class RawTable(string[] names, string?[][] columns, string source)
{
    /// <summary>Column names from the header.</summary>
    public string[] Names { get; } = names;

    /// <summary>Cells per column.</summary>
    public string?[][] Columns { get; } = columns;

    /// <summary>Where the data came from (a file path), for error messages.</summary>
    public string Source { get; } = source;

    /// <summary>Number of data rows.</summary>
    public int RowCount => Columns.Length == 0 ? 0 : Columns[0].Length;
}
