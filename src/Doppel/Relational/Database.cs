using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>A whole database in memory: its metadata (tables, keys, relationships) and one table per name.</summary>
/// <param name="Metadata">The tables, their keys and the relationships between them.</param>
/// <param name="Tables">The data of every table of <paramref name="Metadata"/>, by table name.</param>
public sealed record Database(DatasetMetadata Metadata, IReadOnlyDictionary<string, Table> Tables)
{
    /// <summary>The data of table <paramref name="name"/>.</summary>
    public Table this[string name] => Tables.TryGetValue(name, out var table)
        ? table
        : throw new DoppelException(ErrorKind.Metadata, $"The database has no table '{name}'. Tables: {string.Join(", ", Tables.Keys)}.");

    /// <summary>Reads every table of <paramref name="source"/>, typed by <paramref name="metadata"/> (the source's own when null).</summary>
    public static Database Read(IDatabaseSource source, DatasetMetadata? metadata = null)
    {
        metadata ??= source.ReadMetadata();
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in metadata.Tables) tables[table.Name] = source.ReadTable(table);
        return new Database(metadata, tables);
    }
}
