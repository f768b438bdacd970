using Doppel.Data;
using Doppel.Expressions;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Relational;

/// <summary>
/// A referentially intact subset of a real database, for test databases: the chosen rows of a root table, every row
/// that descends from a kept row (children, grandchildren, subordinates in a self-reference), and then every row a
/// kept row points at, transitively (parents, managers up the hierarchy, the other parents of link tables). Rows
/// added as parents do not pull in their own children, so the subset stays small. Composite keys are compared as
/// tuples. The choice is seeded and the result does not depend on threads.
/// </summary>
public static class DatabaseSubset
{
    /// <summary>The subset of <paramref name="database"/> that <paramref name="options"/> describes, rows in their original order.</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for an unknown root, a bad expression or a bad size.</exception>
    public static Database Select(Database database, SubsetOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var metadata = database.Metadata;
        var rootMeta = metadata.FindTable(options.Root)
            ?? throw new DoppelException(ErrorKind.Usage, $"--root names table '{options.Root}', which the database does not have. Tables: {string.Join(", ", metadata.Tables.Select(t => t.Name))}.");
        var rootRows = RootRows(database[rootMeta.Name], rootMeta, options);

        var links = metadata.Relationships.Select(r => new Link(r, database)).ToArray();
        var kept = metadata.Tables.ToDictionary(t => t.Name, t => new bool[database[t.Name].RowCount], StringComparer.Ordinal);
        var queue = new Queue<(string Table, int Row)>();
        void Keep(string table, int row)
        {
            if (kept[table][row]) return;
            kept[table][row] = true;
            queue.Enqueue((table, row));
        }

        // Down: the chosen root rows and everything that descends from them.
        foreach (int row in rootRows) Keep(rootMeta.Name, row);
        while (queue.TryDequeue(out var item))
            foreach (var link in links)
                if (link.Relationship.ParentTable == item.Table && link.ParentTuples[item.Row] is { } key && link.ChildrenOf.TryGetValue(key, out var children))
                    foreach (int child in children) Keep(link.Relationship.ChildTable, child);

        // Up: every parent a kept row points at, until none is missing.
        foreach (var (table, rows) in kept)
            for (int r = 0; r < rows.Length; r++) if (rows[r]) queue.Enqueue((table, r));
        while (queue.TryDequeue(out var item))
            foreach (var link in links)
                if (link.Relationship.ChildTable == item.Table && link.ChildTuples[item.Row] is { } key && link.ParentRow.TryGetValue(key, out int parent))
                    Keep(link.Relationship.ParentTable, parent);

        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in metadata.Tables)
        {
            var flags = kept[table.Name];
            tables[table.Name] = TableRows.Select(database[table.Name], [.. Enumerable.Range(0, flags.Length).Where(r => flags[r])]);
        }
        return new Database(metadata, tables);
    }

    /// <summary>Writes <paramref name="database"/> into <paramref name="sink"/>, parents before children, then commits it.</summary>
    public static void Write(Database database, IDatabaseSink sink)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(sink);
        // Every foreign key counts as nullable here: only the order matters, and a cycle falls back to metadata order.
        DatabaseWriter.Write(database, SchemaGraph.Build(database.Metadata, _ => true).Order, sink);
    }

    /// <summary>The root rows chosen, ascending.</summary>
    private static int[] RootRows(Table root, TableMetadata meta, SubsetOptions options)
    {
        int given = (options.Fraction is null ? 0 : 1) + (options.Rows is null ? 0 : 1) + (options.Where is null ? 0 : 1);
        if (given != 1) throw new DoppelException(ErrorKind.Usage, "Choose the root rows with exactly one of --fraction F, --rows N or --where EXPR.");
        if (options.Where is { } where)
        {
            var predicate = ExpressionCompiler.Predicate(where, meta, "--where");
            return [.. Enumerable.Range(0, root.RowCount).Where(r => predicate(root, r))];
        }
        long count;
        if (options.Fraction is { } fraction)
        {
            if (!(fraction > 0 && fraction <= 1)) throw new DoppelException(ErrorKind.Usage, $"--fraction must be above 0 and at most 1, not {fraction}.");
            count = (long)Math.Round(fraction * root.RowCount, MidpointRounding.AwayFromZero);
        }
        else
        {
            count = options.Rows!.Value;
            if (count < 0 || count > root.RowCount)
                throw new DoppelException(ErrorKind.Usage, $"--rows {count} is not between 0 and the {root.RowCount:N0} rows of root table '{meta.Name}'.");
        }
        // A seeded shuffle's first rows: the same seed keeps the same rows.
        var random = new RandomStream(options.Seed, 0);
        var order = Enumerable.Range(0, root.RowCount).ToArray();
        for (int i = order.Length - 1; i > 0; i--) { int j = random.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        var chosen = order[..(int)count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>One relationship's key tuples, indexed both ways.</summary>
    private sealed class Link
    {
        public Link(Relationship relationship, Database database)
        {
            Relationship = relationship;
            ParentTuples = KeyValues.Tuples(database[relationship.ParentTable], relationship.ParentColumns);
            ChildTuples = KeyValues.Tuples(database[relationship.ChildTable], relationship.ChildColumns);
            for (int r = 0; r < ParentTuples.Length; r++)
                if (ParentTuples[r] is { } key) ParentRow.TryAdd(key, r);
            for (int r = 0; r < ChildTuples.Length; r++)
            {
                if (ChildTuples[r] is not { } key) continue;
                if (!ChildrenOf.TryGetValue(key, out var rows)) ChildrenOf[key] = rows = [];
                rows.Add(r);
            }
        }

        public Relationship Relationship { get; }

        public string?[] ParentTuples { get; }

        public string?[] ChildTuples { get; }

        public Dictionary<string, int> ParentRow { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<int>> ChildrenOf { get; } = new(StringComparer.Ordinal);
    }
}
