using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Pii;

namespace Doppel.Relational;

/// <summary>
/// Keyed pseudonymization of a whole database (<see cref="Pseudonymizer"/> per table): every column the metadata
/// marks as PII gets its fakes, and every foreign key that points at such a column gets the same mapping as the key
/// it points at (not one derived from its own values), so every join survives, whatever the columns are called.
/// </summary>
public static class DatabasePseudonymizer
{
    /// <summary>The database with its PII replaced, and the replaced columns as <c>table.column</c>.</summary>
    public static (Database Database, IReadOnlyList<string> Columns) Run(Database database, ReadOnlySpan<byte> key, PseudonymizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        Pseudonymizer.CheckKey(key);
        var metadata = database.Metadata;
        // Per (table, column) the mapping from real value to fake: first the PII columns that are not foreign keys.
        var mappings = new Dictionary<(string, string), Dictionary<string, string>>();
        foreach (var table in metadata.Tables)
        {
            var data = database[table.Name];
            foreach (var column in table.Columns.Where(c => c.Type == SemanticType.Pii && ReferencedColumn(metadata, table.Name, c.Name) is null))
            {
                string?[] values = KeyValues.Texts(data[column.Name]);
                var result = Pseudonymizer.Run(new RawTable([column.Name], [values], $"{table.Name}.{column.Name}"), new TableMetadata(table.Name, [column]), key, (options ?? new()) with { Columns = [column.Name] });
                var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int r = 0; r < values.Length; r++)
                    if (!string.IsNullOrEmpty(values[r])) mapping[values[r]!] = result.Table.Columns[0][r]!;
                mappings[(table.Name, column.Name)] = mapping;
            }
        }

        var replaced = new List<string>();
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in metadata.Tables)
        {
            var data = database[table.Name];
            var columns = data.Columns.ToList();
            for (int i = 0; i < columns.Count; i++)
            {
                if (Source(metadata, table.Name, columns[i].Name) is not { } source || !mappings.TryGetValue(source, out var mapping)) continue;
                var values = KeyValues.Texts(columns[i]);
                for (int r = 0; r < values.Length; r++)
                    if (values[r] is { Length: > 0 } v && mapping.TryGetValue(v, out var fake)) values[r] = fake;
                columns[i] = new StringColumn(columns[i].Name, values, columns[i].Validity);
                replaced.Add($"{table.Name}.{columns[i].Name}");
            }
            tables[table.Name] = new Table(columns, data.RowCount);
        }
        return (new Database(metadata, tables), replaced);
    }

    /// <summary>The column whose mapping this one follows: up its chain of foreign keys to a column that is not one.</summary>
    private static (string, string)? Source(DatasetMetadata metadata, string table, string column)
    {
        var at = (table, column);
        for (int hops = 0; hops <= metadata.Relationships.Count; hops++)
        {
            if (ReferencedColumn(metadata, at.table, at.column) is not { } parent) return at;
            at = parent;
        }
        return null; // a cycle of foreign keys: no column to take the mapping from
    }

    /// <summary>The parent column a foreign-key column refers to, or null when it is not part of a foreign key to another column.</summary>
    private static (string table, string column)? ReferencedColumn(DatasetMetadata metadata, string table, string column)
    {
        foreach (var r in metadata.Relationships)
        {
            if (r.ChildTable != table) continue;
            for (int i = 0; i < r.ChildColumns.Count; i++)
                if (r.ChildColumns[i] == column && !(r.ParentTable == table && r.ParentColumns[i] == column)) return (r.ParentTable, r.ParentColumns[i]);
        }
        return null;
    }
}
