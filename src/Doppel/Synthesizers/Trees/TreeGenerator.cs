using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// The sequential-tree model's generator: columns in <see cref="Order"/>, each from its tree over the columns
/// generated before it; then ids, text and PII on their own.
/// </summary>
/// <remarks>Column c of batch b draws only from stream <c>(b &lt;&lt; 16) + 1 + c</c>, so output is byte-identical whatever the thread count.</remarks>
internal sealed class TreeGenerator : ModelGenerator
{
    /// <summary>Per metadata column, how it is generated.</summary>
    public required TreeColumn[] Columns { get; init; }

    /// <summary>The synthesized columns (metadata indices) in visiting order.</summary>
    public required int[] Order { get; init; }

    public override void Validate(TableMetadata metadata)
    {
        if (Columns.Length != metadata.Columns.Count || Columns.Where((c, i) => c.Name != metadata.Columns[i].Name).Any())
            throw new DoppelException(ErrorKind.Model, "The model's trees do not match its metadata.");
        var seen = new HashSet<int>();
        foreach (int c in Order)
        {
            if (c < 0 || c >= Columns.Length || Columns[c] is StandaloneTreeColumn || Columns[c].Reads.Any(r => !seen.Contains(r)) || !seen.Add(c))
                throw new DoppelException(ErrorKind.Model, "The model's visiting order is inconsistent with its trees.");
        }
        if (seen.Count + Columns.Count(c => c is StandaloneTreeColumn) != Columns.Length)
            throw new DoppelException(ErrorKind.Model, "The model's visiting order misses columns.");
        foreach (var column in Columns)
            if (!column.IsConsistent(Columns))
                throw new DoppelException(ErrorKind.Model, $"The model's tree for column '{column.Name}' is inconsistent.");
    }

    public override Table SampleBatch(long batch, long firstRow, int count, ulong seed)
    {
        var values = new double[]?[Columns.Length];
        var columns = new Column[Columns.Length];
        foreach (int c in Order) columns[c] = Generate(c, values, batch, firstRow, count, seed);
        for (int c = 0; c < Columns.Length; c++)
            if (Columns[c] is StandaloneTreeColumn) columns[c] = Generate(c, values, batch, firstRow, count, seed);
        return new Table(columns, count);
    }

    /// <summary>
    /// Like <see cref="SampleBatch"/>, but the columns of <paramref name="given"/> (one value per row to generate,
    /// visited first when the model was fitted) are taken as they are and only the others are drawn, each from its
    /// tree given the row's values: conditional sampling per row in one pass.
    /// </summary>
    public Table SampleGiven(Table given, long batch, long firstRow, ulong seed)
    {
        int count = given.RowCount;
        var values = new double[]?[Columns.Length];
        var columns = new Column[Columns.Length];
        foreach (int c in Order)
        {
            if (given.Columns.FirstOrDefault(g => g.Name == Columns[c].Name) is { } fixedColumn)
            {
                values[c] = Columns[c].Code(fixedColumn);
                columns[c] = fixedColumn;
            }
            else columns[c] = Generate(c, values, batch, firstRow, count, seed);
        }
        for (int c = 0; c < Columns.Length; c++)
            if (Columns[c] is StandaloneTreeColumn) columns[c] = Generate(c, values, batch, firstRow, count, seed);
        return new Table(columns, count);
    }

    /// <inheritdoc/>
    public override Func<long, long, int, ulong, Table>? ConditionalBatches(IReadOnlyDictionary<string, Expressions.ColumnCondition> conditions, TableMetadata metadata) =>
        TreeConditional.For(this, conditions) is { } conditional ? conditional.SampleBatch : null;

    private Column Generate(int c, double[]?[] values, long batch, long firstRow, int count, ulong seed)
    {
        var random = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
        return Columns[c].Generate(values, c, count, firstRow, ref random);
    }
}
