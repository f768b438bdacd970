using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// The Bayesian network's generator: ancestral sampling, columns in <see cref="Order"/>, each from its conditional
/// table given its parents' codes in the same row; then ids, text and PII on their own.
/// </summary>
/// <remarks>Column c of batch b draws only from stream <c>(b &lt;&lt; 16) + 1 + c</c>, so output is byte-identical whatever the thread count.</remarks>
internal sealed class BayesGenerator : ModelGenerator
{
    /// <summary>Per metadata column, how it is generated.</summary>
    public required BayesNode[] Columns { get; init; }

    /// <summary>The synthesized columns (metadata indices) in sampling order: parents before children.</summary>
    public required int[] Order { get; init; }

    public override void Validate(TableMetadata metadata)
    {
        if (Columns.Length != metadata.Columns.Count || Columns.Where((c, i) => c.Name != metadata.Columns[i].Name).Any())
            throw new DoppelException(ErrorKind.Model, "The model's network does not match its metadata.");
        var seen = new HashSet<int>();
        foreach (int c in Order)
        {
            if (c < 0 || c >= Columns.Length || TableOf(c) is not { } table || table.Parents.Any(p => !seen.Contains(p)) || !seen.Add(c))
                throw new DoppelException(ErrorKind.Model, "The model's sampling order is inconsistent with its network.");
        }
        if (seen.Count + Columns.Count(c => c is StandaloneBayesNode) != Columns.Length)
            throw new DoppelException(ErrorKind.Model, "The model's sampling order misses columns.");
        foreach (int c in Order)
        {
            bool consistent = TableOf(c)!.IsConsistent(p => CodesOf(p)) && Columns[c] switch
            {
                CategoricalBayesNode categorical => categorical.Table.Codes == categorical.Codes && categorical.FrequentShares.Length == categorical.Categories.Length,
                NumericBayesNode numeric => numeric.Table.Codes == numeric.Codes && numeric.Min <= numeric.Max && !numeric.Fallback.NeedsFallback
                    && numeric.Bins.Append(numeric.Fallback).All(b => b.Points.Length == b.PointShares.Length),
                Mst.DpCategoricalNode categorical => categorical.IsConsistent(),
                Mst.DpNumericNode numeric => numeric.IsConsistent(),
                _ => false,
            };
            if (!consistent)
                throw new DoppelException(ErrorKind.Model, $"The model's conditional table for column '{Columns[c].Name}' is inconsistent.");
        }
    }

    private ConditionalTable? TableOf(int c) => Columns[c] switch
    {
        CategoricalBayesNode categorical => categorical.Table,
        NumericBayesNode numeric => numeric.Table,
        Mst.DpCategoricalNode categorical => categorical.Table,
        Mst.DpNumericNode numeric => numeric.Table,
        _ => null,
    };

    private int CodesOf(int c) => c < 0 || c >= Columns.Length ? 0 : Columns[c] switch
    {
        CategoricalBayesNode categorical => categorical.Codes,
        NumericBayesNode numeric => numeric.Codes,
        Mst.DpCategoricalNode categorical => categorical.Codes,
        Mst.DpNumericNode numeric => numeric.Codes,
        _ => 0,
    };

    public override Table SampleBatch(long batch, long firstRow, int count, ulong seed)
    {
        var codes = new int[]?[Columns.Length];
        var columns = new Column[Columns.Length];
        foreach (int c in Order) columns[c] = Generate(c, codes, batch, firstRow, count, seed);
        for (int c = 0; c < Columns.Length; c++)
            if (Columns[c] is StandaloneBayesNode) columns[c] = Generate(c, codes, batch, firstRow, count, seed);
        return new Table(columns, count);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The conditioned columns and their ancestors are drawn exactly given the condition (<see cref="EvidenceSampler"/>,
    /// from stream <c>b &lt;&lt; 16</c>, which unconditional sampling never uses); their values are then written from
    /// those codes, and the other columns are sampled forward as usual.
    /// </remarks>
    public override Func<long, long, int, ulong, Table>? ConditionalBatches(IReadOnlyDictionary<string, Expressions.ColumnCondition> conditions, TableMetadata metadata)
    {
        var evidence = new Dictionary<int, double[]>();
        for (int c = 0; c < Columns.Length; c++)
            if (conditions.TryGetValue(Columns[c].Name, out var condition) && Columns[c].Evidence(condition) is { } weights)
                evidence[c] = weights;
        if (evidence.Count == 0) return null;
        if (EvidenceSampler.For(evidence, c => TableOf(c)!) is not { } sampler) return null;
        if (!(sampler.Probability > 0))
            throw new DoppelException(ErrorKind.Unsatisfiable, "The condition asks for values the model never generates (a category it does not know, or a range outside the data).");
        var drawn = sampler.Columns.ToHashSet();
        return (batch, firstRow, count, seed) =>
        {
            var codes = new int[]?[Columns.Length];
            var evidenceStream = new RandomStream(seed, (ulong)batch << 16);
            sampler.Sample(codes, count, ref evidenceStream);
            var columns = new Column[Columns.Length];
            foreach (int c in Order)
            {
                if (!drawn.Contains(c)) { columns[c] = Generate(c, codes, batch, firstRow, count, seed); continue; }
                var random = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
                columns[c] = Columns[c].Render(codes[c]!, count, ref random);
            }
            for (int c = 0; c < Columns.Length; c++)
                if (Columns[c] is StandaloneBayesNode) columns[c] = Generate(c, codes, batch, firstRow, count, seed);
            return new Table(columns, count);
        };
    }

    private Column Generate(int c, int[]?[] codes, long batch, long firstRow, int count, ulong seed)
    {
        var random = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
        return Columns[c].Generate(codes, c, count, firstRow, ref random);
    }
}
