namespace Doppel.Data;

/// <summary>Columnar in-memory data: equally long typed columns. Also the unit of a streamed batch.</summary>
public sealed class Table
{
    /// <summary>Creates a table; all columns must have the same length and distinct names.</summary>
    public Table(IReadOnlyList<Column> columns, int? rowCount = null)
    {
        Columns = columns;
        RowCount = rowCount ?? (columns.Count == 0 ? 0 : columns[0].Length);
        _byName = new Dictionary<string, Column>(columns.Count, StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount) throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows, expected {RowCount}.");
            if (!_byName.TryAdd(column.Name, column)) throw new ArgumentException($"Duplicate column '{column.Name}'.");
        }
    }

    // Lookup by name is on hot paths (conditions check every sampled row), so it must not scan or allocate.
    private readonly Dictionary<string, Column> _byName;

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    public Column this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw new KeyNotFoundException($"No column '{name}'.");
}
