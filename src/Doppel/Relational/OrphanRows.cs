using Doppel.Data;

namespace Doppel.Relational;

/// <summary>
/// Drops child rows whose foreign key matches no parent row (orphans), repeated until none is left, since dropping
/// a row can orphan its own children. A null foreign key is no orphan.
/// </summary>
public static class OrphanRows
{
    /// <summary>The database without orphan rows, and per relationship (described) how many rows were dropped.</summary>
    public static (Database Database, IReadOnlyList<(string Relationship, int Dropped)> Counts) Drop(Database database)
    {
        var tables = new Dictionary<string, Table>(database.Tables, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var r in database.Metadata.Relationships)
            {
                var parentKeys = new HashSet<string>(KeyValues.Tuples(tables[r.ParentTable], r.ParentColumns).Where(v => v is not null).Select(v => v!), StringComparer.Ordinal);
                var child = tables[r.ChildTable];
                var values = KeyValues.Tuples(child, r.ChildColumns);
                var kept = Enumerable.Range(0, values.Length).Where(row => values[row] is not { } v || parentKeys.Contains(v)).ToArray();
                if (kept.Length == values.Length) continue;
                string name = r.Describe();
                counts[name] = counts.GetValueOrDefault(name) + values.Length - kept.Length;
                tables[r.ChildTable] = TableRows.Select(child, kept);
                changed = true;
            }
        }
        return (database with { Tables = tables }, [.. counts.Select(c => (c.Key, c.Value))]);
    }
}
