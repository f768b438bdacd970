using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Trees;

namespace Doppel.Sequences;

/// <summary>
/// Draws one step for a batch of entities from a step model: given columns are taken as they are, derived ones
/// (the calendar of an order drawn in the same pass) computed when visited, the others drawn from their trees;
/// a drawn column may be repaired (state machine, running total) before later trees read it.
/// </summary>
/// <remarks>Column c draws only from stream <c>(attempt &lt;&lt; 48) + (batch &lt;&lt; 16) + 1 + c</c> of the step's seed, as <see cref="TreeGenerator"/> does.</remarks>
internal static class StepGenerator
{
    /// <summary>
    /// Fixes a drawn column: gets it, its codes as later trees read them (to update in place), a way to draw it
    /// again on another stream (attempt 1, 2, ...: the column and its codes) and the codes of the columns drawn before
    /// it in this pass, by name (null for one not drawn yet); returns the column to keep.
    /// </summary>
    public delegate Column Repair(Column drawn, double[] codes, Func<int, (Column Column, double[] Codes)> redraw, Func<string, double[]?> earlier);

    /// <summary>A derived column, from the codes of the columns drawn so far (by model column index).</summary>
    public delegate Column Derive(double[]?[] values);

    public static Table Run(TreeGenerator trees, Table given, IReadOnlyDictionary<string, Derive> derived,
        IReadOnlyDictionary<string, Repair> repairs, long batch, long firstRow, ulong seed)
    {
        int count = given.RowCount;
        var values = new double[]?[trees.Columns.Length];
        var columns = new Column[trees.Columns.Length];
        var byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var g in given.Columns) byName[g.Name] = g;
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < trees.Columns.Length; c++) indexOf[trees.Columns[c].Name] = c;
        double[]? Earlier(string name) => indexOf.TryGetValue(name, out int at) ? values[at] : null;
        foreach (int c in trees.Order)
        {
            var tree = trees.Columns[c];
            Column? fixedColumn = byName.GetValueOrDefault(tree.Name) ?? (derived.TryGetValue(tree.Name, out var derive) ? derive(values) : null);
            if (fixedColumn is not null)
            {
                values[c] = tree.Code(fixedColumn);
                columns[c] = fixedColumn;
                continue;
            }
            columns[c] = Draw(trees, c, values, count, batch, firstRow, seed, 0);
            if (repairs.TryGetValue(tree.Name, out var repair))
            {
                int column = c;
                columns[c] = repair(columns[c], values[c]!, attempt =>
                {
                    var kept = values[column];
                    var again = Draw(trees, column, values, count, batch, firstRow, seed, attempt);
                    var codes = values[column]!;
                    values[column] = kept;
                    return (again, codes);
                }, Earlier);
            }
        }
        for (int c = 0; c < trees.Columns.Length; c++)
            if (trees.Columns[c] is StandaloneTreeColumn) columns[c] = Draw(trees, c, values, count, batch, firstRow, seed, 0);
        return new Table(columns, count);
    }

    private static Column Draw(TreeGenerator trees, int c, double[]?[] values, int count, long batch, long firstRow, ulong seed, int attempt)
    {
        var random = new RandomStream(seed, ((ulong)attempt << 48) + ((ulong)batch << 16) + 1 + (ulong)c);
        return trees.Columns[c].Generate(values, c, count, firstRow, ref random);
    }
}
