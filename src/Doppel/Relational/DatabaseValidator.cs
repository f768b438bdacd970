using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// Checks a database against its metadata before anything is fitted: every table has a key that is unique and
/// never (partly) null; every relationship names existing tables and columns and refers to its parent's key; every
/// foreign key value finds its parent row. Each error names the table, the column and an example value.
/// </summary>
public static class DatabaseValidator
{
    /// <summary>Throws a <see cref="DoppelException"/> at the first problem.</summary>
    public static void Validate(Database database)
    {
        var metadata = database.Metadata;
        CheckMetadata(metadata);
        foreach (var table in metadata.Tables)
        {
            var data = database[table.Name];
            var key = table.Key;
            if (key.Count == 0) continue; // a sequence table's rows are told apart by entity and step
            var tuples = KeyValues.Tuples(data, key);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int row = 0; row < tuples.Length; row++)
            {
                if (tuples[row] is not { } value)
                {
                    string part = key.First(c => data[c].IsNull(row));
                    throw new DoppelException(ErrorKind.Data, $"Table '{table.Name}': key column '{part}' is empty in row {row + 1}{(key.Count > 1 ? $" (a part of the key ({string.Join(", ", key)}))" : "")}; a key may not be null.");
                }
                if (seen.TryAdd(value, row)) continue;
                int times = tuples.Count(t => t == value);
                throw new DoppelException(ErrorKind.Data, $"Table '{table.Name}': the key ({string.Join(", ", key)}) is not unique: {KeyValues.Show(value)} occurs {times} times (rows {seen[value] + 1} and {row + 1}). Fix the data or declare another key in the metadata.");
            }
        }
        foreach (var r in metadata.Relationships)
        {
            var parentKeys = new HashSet<string>(KeyValues.Tuples(database[r.ParentTable], r.ParentColumns).Select(v => v!), StringComparer.Ordinal);
            var child = database[r.ChildTable];
            var values = KeyValues.Tuples(child, r.ChildColumns);
            int orphans = 0;
            string? example = null;
            int first = -1;
            for (int row = 0; row < values.Length; row++)
            {
                if (values[row] is not { } value || parentKeys.Contains(value)) continue;
                orphans++;
                if (example is null) { example = value; first = row; }
            }
            if (orphans > 0)
                throw new DoppelException(ErrorKind.Data, $"Table '{r.ChildTable}', column {string.Join(", ", r.ChildColumns.Select(c => $"'{c}'"))}: {orphans} of {values.Length} rows point at no row of '{r.ParentTable}' (e.g. {KeyValues.Show(example!)} in row {first + 1} is not a key of {r.ParentTable}({string.Join(", ", r.ParentColumns)})). Fix the data, remove the relationship from the metadata, or pass --drop-orphans to drop such rows.");
        }
    }

    /// <summary>The checks that need no data: keys declared, relationships naming existing tables, columns and keys.</summary>
    public static void CheckMetadata(DatasetMetadata metadata)
    {
        var twice = metadata.Tables.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new DoppelException(ErrorKind.Metadata, $"The metadata describes table '{twice.Key}' twice.");
        foreach (var table in metadata.Tables)
        {
            if (table.Key.Count == 0 && table.Sequence is null)
                throw new DoppelException(ErrorKind.Metadata, $"Table '{table.Name}' has no key: every table of a database needs one, so that rows can be told apart and pointed at. Declare its \"primaryKey\" (or \"key\" for several columns) in the metadata.");
            foreach (string column in table.Key)
                if (table.Find(column) is null) throw new DoppelException(ErrorKind.Metadata, $"Table '{table.Name}' has key column '{column}', which it does not have. Its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }
        foreach (var r in metadata.Relationships)
        {
            var parent = metadata.FindTable(r.ParentTable)
                ?? throw new DoppelException(ErrorKind.Metadata, $"The foreign key {r.Describe()} refers to table '{r.ParentTable}', which the database does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
            var child = metadata.FindTable(r.ChildTable)
                ?? throw new DoppelException(ErrorKind.Metadata, $"The foreign key {r.Describe()} belongs to table '{r.ChildTable}', which the database does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
            foreach (string column in r.ChildColumns)
                if (child.Find(column) is null) throw new DoppelException(ErrorKind.Metadata, $"The foreign key {r.Describe()} names column '{column}', which table '{r.ChildTable}' does not have.");
            if (!r.ParentColumns.SequenceEqual(parent.Key))
                throw new DoppelException(ErrorKind.Metadata, $"The foreign key {r.Describe()} must refer to the key of '{r.ParentTable}', which is ({string.Join(", ", parent.Key)}).");
        }
    }
}
