using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>Computes the SDMetrics-compatible <see cref="QualityScore"/> of a synthetic table against the real one.</summary>
public static class QualityReport
{
    /// <summary>Pairs of numerical/datetime columns count in the ≥ 0.27 score when the real |r| exceeds this.</summary>
    internal const double CorrelationThreshold = 0.5;

    /// <summary>Other pairs count in the ≥ 0.27 score when the real Cramér's V exceeds this.</summary>
    internal const double AssociationThreshold = 0.3;

    /// <summary>
    /// Scores <paramref name="synthetic"/> against <paramref name="real"/> (definitions in docs/metrics.md). Column
    /// types come from <paramref name="metadata"/>; id, text and PII columns are left out.
    /// </summary>
    /// <remarks>
    /// Deterministic: the only randomness is the subsample of tables over 50,000 rows for contingency tables, drawn
    /// from seed 0. Cost: a sort per numerical column and one pass over the rows per column pair, pairs in parallel.
    /// </remarks>
    /// <exception cref="DoppelException">
    /// The tables' columns or column kinds differ, the synthetic table is empty, the metadata does not fit the
    /// tables, or no column can be scored.
    /// </exception>
    public static QualityScore Compute(Table real, Table synthetic, TableMetadata metadata)
    {
        TablePair.Check(real, synthetic, metadata);
        var scored = metadata.Columns.Where(Binning.Scored).ToArray();
        if (scored.Length == 0) throw new DoppelException(ErrorKind.Data, "No column can be scored: all are ids, text or PII.");

        var columns = new ScoredColumn[scored.Length];
        var shapes = new ColumnShapeScore[scored.Length];
        var missing = new MissingValueScore[scored.Length];
        Parallelism.For(0, scored.Length, c =>
        {
            columns[c] = ScoredColumn.Prepare(scored[c], real, synthetic);
            shapes[c] = Shape(columns[c]);
            missing[c] = Missing(columns[c]);
        });

        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < columns.Length; a++) for (int b = a + 1; b < columns.Length; b++) pairs.Add((a, b));
        bool anyContingency = pairs.Exists(p => !(columns[p.A].IsContinuous && columns[p.B].IsContinuous));
        // Both tables draw from the same stream, so a table compared with itself keeps the same rows and scores 1.
        int[]? realRows = anyContingency ? RowSample.Draw(real.RowCount) : null;
        int[]? syntheticRows = anyContingency ? RowSample.Draw(synthetic.RowCount) : null;
        var pairScores = new ColumnPairScore[pairs.Count];
        Parallelism.For(0, pairs.Count, p =>
            pairScores[p] = Pair(columns[pairs[p].A], columns[pairs[p].B], realRows, syntheticRows));

        return new QualityScore(
            NanMean.Of(shapes.Select(s => s.Score)),
            NanMean.Of(pairScores.Where(p => p.Counted).Select(p => p.Score)),
            NanMean.Of(pairScores.Select(p => p.Score)),
            shapes, pairScores, missing);
    }

    /// <summary>KSComplement = 1 − D for numbers and datetimes; TVComplement = 1 − TVD for categories.</summary>
    private static ColumnShapeScore Shape(ScoredColumn column)
    {
        if (column.Numbers is { } numbers)
        {
            double score = numbers.RealSorted.Length == 0 || numbers.SyntheticSorted.Length == 0
                ? double.NaN
                : 1 - KolmogorovSmirnov.Statistic(numbers.RealSorted, numbers.SyntheticSorted);
            return new ColumnShapeScore(column.Name, MetricNames.KSComplement, score);
        }
        var codes = column.Codes;
        var real = codes.Counts(codes.Real);
        var synthetic = codes.Counts(codes.Synthetic);
        long realTotal = real.Sum(), syntheticTotal = synthetic.Sum();
        double tv = 0;
        for (int k = 0; k < real.Length; k++) tv += Math.Abs((double)real[k] / realTotal - (double)synthetic[k] / syntheticTotal);
        double tvComplement = realTotal == 0 || syntheticTotal == 0 ? double.NaN : 1 - tv / 2;
        return new ColumnShapeScore(column.Name, MetricNames.TVComplement, tvComplement);
    }

    private static MissingValueScore Missing(ScoredColumn column)
    {
        var codes = column.Codes;
        var (realNulls, syntheticNulls) = column.Numbers is { } numbers
            ? (numbers.Real.Length - numbers.RealSorted.Length, numbers.Synthetic.Length - numbers.SyntheticSorted.Length)
            : (codes.Real.Count(c => c < 0), codes.Synthetic.Count(c => c < 0));
        return new MissingValueScore(column.Name, (double)realNulls / codes.Real.Length, (double)syntheticNulls / codes.Synthetic.Length);
    }

    private static ColumnPairScore Pair(ScoredColumn a, ScoredColumn b, int[]? realRows, int[]? syntheticRows)
    {
        if (a.Numbers is { } x && b.Numbers is { } y)
        {
            double realR = Pearson.Of(x.Real, y.Real);
            double syntheticR = Pearson.Of(x.Synthetic, y.Synthetic);
            double score = 1 - Math.Abs(realR - syntheticR) / 2; // NaN when either r is undefined
            double strength = Math.Abs(realR);
            return new ColumnPairScore(a.Name, b.Name, MetricNames.CorrelationSimilarity, score, strength,
                strength > CorrelationThreshold, realR, syntheticR);
        }
        var (similarity, v) = Contingency.Compare(a.Codes, b.Codes, realRows, syntheticRows);
        return new ColumnPairScore(a.Name, b.Name, MetricNames.ContingencySimilarity, similarity, v,
            v > AssociationThreshold, double.NaN, double.NaN);
    }
}
