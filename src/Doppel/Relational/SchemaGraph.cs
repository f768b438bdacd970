using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>How a relationship is generated.</summary>
internal enum LinkRole
{
    /// <summary>The child's context: children are generated per parent row, as many as the parent's count column says.</summary>
    Primary,
    /// <summary>Another parent: matched to a generated parent row after all tables exist.</summary>
    Secondary,
    /// <summary>A table pointing at itself: assigned as a forest (no cycles).</summary>
    Self,
}

/// <summary>
/// The order tables are fitted and sampled in (parents first) and the role of every relationship. Each child table's
/// first relationship to another table is its context (primary); the others are matched afterwards. A cycle between
/// tables is broken at a nullable foreign key; a cycle of non-nullable ones is an error.
/// </summary>
internal sealed class SchemaGraph
{
    private SchemaGraph(IReadOnlyList<string> order, LinkRole[] roles)
    {
        Order = order;
        Roles = roles;
    }

    /// <summary>Table names, parents before their children.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Per relationship (metadata order), its role.</summary>
    public LinkRole[] Roles { get; }

    /// <summary>A graph read back from a model file.</summary>
    public static SchemaGraph Restore(IReadOnlyList<string> order, LinkRole[] roles) => new(order, roles);

    /// <param name="metadata">The database's metadata.</param>
    /// <param name="nullable">Whether relationship i's foreign key may be null.</param>
    public static SchemaGraph Build(DatasetMetadata metadata, Func<int, bool> nullable)
    {
        var rels = metadata.Relationships;
        var roles = new LinkRole[rels.Count];
        var ordering = new List<int>();
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ChildTable == rels[i].ParentTable)
            {
                roles[i] = LinkRole.Self;
                if (!nullable(i))
                    throw new DoppelException(ErrorKind.Metadata, $"The foreign key {rels[i].Describe()} points at its own table and may not be null, so every row would need a parent row before it: a cycle. Allow nulls in {rels[i].ChildTable}.{string.Join(", ", rels[i].ChildColumns)} (the top of the hierarchy) or remove the relationship.");
            }
            else ordering.Add(i);
        }
        var names = metadata.Tables.Select(t => t.Name).ToList();
        var order = TopologicalOrder(names, rels, ordering);
        if (order is null)
        {
            // Break cycles at nullable foreign keys: those become matched links, not orderings.
            var strict = ordering.Where(i => !nullable(i)).ToList();
            order = TopologicalOrder(names, rels, strict)
                ?? throw new DoppelException(ErrorKind.Metadata, $"The foreign keys {Cycle(names, rels, strict)} form a cycle and none of them may be null, so no table can be generated first. Allow nulls in one of them or remove one.");
            ordering = strict;
        }
        var position = order.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var hasPrimary = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rels.Count; i++)
        {
            if (roles[i] == LinkRole.Self) continue;
            bool ordered = ordering.Contains(i) && position[rels[i].ParentTable] < position[rels[i].ChildTable];
            roles[i] = ordered && hasPrimary.Add(rels[i].ChildTable) ? LinkRole.Primary : LinkRole.Secondary;
        }
        return new SchemaGraph(order, roles);
    }

    /// <summary>Kahn's algorithm, ties by metadata order so the order is stable; null when the edges have a cycle.</summary>
    private static List<string>? TopologicalOrder(List<string> tables, IReadOnlyList<Relationship> rels, List<int> edges)
    {
        var indegree = tables.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        foreach (int e in edges) indegree[rels[e].ChildTable]++;
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !done.Contains(t) && indegree[t] == 0);
            if (next is null) return null;
            order.Add(next);
            done.Add(next);
            foreach (int e in edges) if (rels[e].ParentTable == next) indegree[rels[e].ChildTable]--;
        }
        return order;
    }

    private static string Cycle(List<string> tables, IReadOnlyList<Relationship> rels, List<int> edges)
    {
        // Peel off tables that can be ordered; what is left holds the cycle.
        var left = new HashSet<string>(tables, StringComparer.Ordinal);
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var t in left.ToList())
                if (!edges.Any(e => rels[e].ChildTable == t && left.Contains(rels[e].ParentTable))) { left.Remove(t); changed = true; }
        }
        return string.Join(", ", edges.Where(e => left.Contains(rels[e].ChildTable) && left.Contains(rels[e].ParentTable)).Select(e => rels[e].Describe()));
    }
}
