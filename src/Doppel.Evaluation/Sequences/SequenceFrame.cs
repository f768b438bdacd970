using Doppel.Data;
using Doppel.Evaluation.Relational;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Evaluation.Sequences;

/// <summary>
/// One database's sequence table seen as entities: per entity its context row (when the table has a context table)
/// and its step rows in order, with the scored columns of both tables. With a context table every context row is an
/// entity, those without steps included (a sequence of length 0 is data); without one, each entity key is.
/// </summary>
internal sealed class SequenceFrame
{
    private SequenceFrame(Table steps, TableMetadata stepColumns, Table? context, TableMetadata? contextColumns, int[][] entities, int[] contextRow, double[] order)
    {
        Steps = steps;
        StepColumns = stepColumns;
        Context = context;
        ContextColumns = contextColumns;
        Entities = entities;
        ContextRow = contextRow;
        Order = order;
    }

    /// <summary>The sequence table's scored columns (no ids: entity keys are left out), every row.</summary>
    public Table Steps { get; }

    /// <summary>The metadata of <see cref="Steps"/>.</summary>
    public TableMetadata StepColumns { get; }

    /// <summary>The context table's scored columns, or null when the sequence table has no context table.</summary>
    public Table? Context { get; }

    /// <summary>The metadata of <see cref="Context"/>.</summary>
    public TableMetadata? ContextColumns { get; }

    /// <summary>Per entity, its step rows in order.</summary>
    public int[][] Entities { get; }

    /// <summary>Per entity, its row in <see cref="Context"/> (−1 without a context table).</summary>
    public int[] ContextRow { get; }

    /// <summary>Per step row, the order value as a number (datetime ticks or the number).</summary>
    public double[] Order { get; }

    /// <summary>The relationship from <paramref name="table"/> to its context table, if it has one.</summary>
    public static Relationship? ContextOf(DatasetMetadata metadata, TableMetadata table) =>
        table.Sequence is { Entity.Count: > 0 } sequence
            ? metadata.Relationships.FirstOrDefault(r => r.ChildTable == table.Name && r.ParentTable != table.Name && r.ChildColumns.SequenceEqual(sequence.Entity))
            : null;

    /// <summary>The frame of sequence table <paramref name="table"/> in <paramref name="database"/>, described by <paramref name="metadata"/> (the real database's).</summary>
    public static SequenceFrame Of(Database database, DatasetMetadata metadata, TableMetadata table)
    {
        var sequence = table.Sequence ?? throw new ArgumentException($"Table '{table.Name}' is not a sequence table.", nameof(table));
        var data = database[table.Name];
        var context = ContextOf(metadata, table);
        var entityOf = context is { } r ? KeyValues.Tuples(data, r.ChildColumns) : SequenceEntities.KeysOf(data, sequence.Entity);
        var grouped = SequenceEntities.Of(table.Name, data, sequence, entityOf);
        var stepMeta = Scored(table, sequence.Entity);
        var steps = MultiTableReport.Project(data, stepMeta);
        if (context is not { } link)
            return new SequenceFrame(steps, stepMeta, null, null, grouped.Steps, Enumerable.Repeat(-1, grouped.Steps.Length).ToArray(), grouped.Order);

        var parentMeta = metadata.FindTable(link.ParentTable)!;
        var parent = database[link.ParentTable];
        var stepsOf = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (int e = 0; e < grouped.Keys.Length; e++) if (grouped.Keys[e] is { } key) stepsOf[key] = grouped.Steps[e];
        var parentKeys = KeyValues.Tuples(parent, link.ParentColumns);
        var entities = new int[parent.RowCount][];
        for (int p = 0; p < entities.Length; p++)
            entities[p] = parentKeys[p] is { } key && stepsOf.TryGetValue(key, out var rows) ? rows : [];
        var contextMeta = Scored(parentMeta, []);
        return new SequenceFrame(steps, stepMeta, MultiTableReport.Project(parent, contextMeta), contextMeta, entities, [.. Enumerable.Range(0, parent.RowCount)], grouped.Order);
    }

    /// <summary>
    /// The frame with every sequence cut into consecutive windows of <paramref name="size"/> steps (the last one
    /// shorter), each window an entity with its sequence's context: a few long series become many comparable sequences.
    /// </summary>
    public SequenceFrame Windows(int size)
    {
        var entities = new List<int[]>();
        var context = new List<int>();
        for (int e = 0; e < Entities.Length; e++)
            for (int at = 0; at < Entities[e].Length; at += size)
            {
                entities.Add(Entities[e][at..Math.Min(Entities[e].Length, at + size)]);
                context.Add(ContextRow[e]);
            }
        return new SequenceFrame(Steps, StepColumns, Context, ContextColumns, [.. entities], [.. context], Order);
    }

    /// <summary>Per entity, its number of steps.</summary>
    public int[] Lengths() => [.. Entities.Select(e => e.Length)];

    private static TableMetadata Scored(TableMetadata table, IReadOnlyList<string> leftOut) =>
        table with { Columns = [.. table.Columns.Where(c => Binning.Scored(c) && !leftOut.Contains(c.Name))], Key = [], Constraints = [], Sequence = null };

}
