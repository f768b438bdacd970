using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// Computes the <see cref="QualityScore"/> of a synthetic table against the real one: exactly SDMetrics 0.29's
/// (<see cref="QualityVariant.SdMetrics"/>) or Doppel's own variant (<see cref="QualityVariant.Doppel"/>, the default).
/// </summary>
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
    /// <param name="real">The real table.</param>
    /// <param name="synthetic">The synthetic table, with the same columns.</param>
    /// <param name="metadata">The real table's metadata.</param>
    /// <param name="variant">Whose definitions to follow (docs/metrics.md works the differences).</param>
    public static QualityScore Compute(Table real, Table synthetic, TableMetadata metadata, QualityVariant variant = QualityVariant.Doppel)
    {
        TablePair.Check(real, synthetic, metadata);
        var scored = metadata.Columns.Where(Binning.Scored).ToArray();
        if (scored.Length == 0) throw new DoppelException(ErrorKind.Data, "No column can be scored: all are ids, text or PII.");

        var columns = new ScoredColumn[scored.Length];
        var shapes = new ColumnShapeScore[scored.Length];
        var missing = new MissingValueScore[scored.Length];
        Parallelism.For(0, scored.Length, c =>
        {
            columns[c] = ScoredColumn.Prepare(scored[c], real, synthetic, variant);
            shapes[c] = Shape(columns[c], variant);
            missing[c] = Missing(real[scored[c].Name], synthetic[scored[c].Name]);
        });

        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < columns.Length; a++) for (int b = a + 1; b < columns.Length; b++) pairs.Add((a, b));
        bool anyContingency = pairs.Exists(p => !(columns[p.A].IsContinuous && columns[p.B].IsContinuous));
        // Both tables draw from the same stream, so a table compared with itself keeps the same rows and scores 1.
        int[]? realRows = anyContingency ? RowSample.Draw(real.RowCount) : null;
        int[]? syntheticRows = anyContingency ? RowSample.Draw(synthetic.RowCount) : null;
        var pairScores = new ColumnPairScore[pairs.Count];
        Parallelism.For(0, pairs.Count, p =>
            pairScores[p] = Pair(columns[pairs[p].A], columns[pairs[p].B], realRows, syntheticRows, variant));

        return new QualityScore(
            NanMean.Of(shapes.Select(s => s.Score)),
            NanMean.Of(pairScores.Where(p => p.Counted).Select(p => p.Score)),
            NanMean.Of(pairScores.Select(p => p.Score)),
            shapes, pairScores, missing);
    }

    /// <summary>KSComplement = 1 − D for numbers and datetimes; TVComplement = 1 − TVD for categories.</summary>
    private static ColumnShapeScore Shape(ScoredColumn column, QualityVariant variant)
    {
        if (column.Numbers is { } numbers)
        {
            double score = numbers.RealSorted.Length == 0 || numbers.SyntheticSorted.Length == 0
                ? double.NaN
                : variant == QualityVariant.SdMetrics
                    ? 1 - KolmogorovSmirnov.Statistic(RoundedAsSdMetrics(numbers.RealSorted), RoundedAsSdMetrics(numbers.SyntheticSorted))
                    : 1 - KolmogorovSmirnov.Statistic(numbers.RealSorted, numbers.SyntheticSorted);
            return new ColumnShapeScore(column.Name, MetricNames.KSComplement, score);
        }
        var codes = column.Codes;
        var real = codes.Counts(codes.Real);
        var synthetic = codes.Counts(codes.Synthetic);
        if (variant == QualityVariant.SdMetrics) real[^1] = synthetic[^1] = 0; // TVComplement drops nulls there too (the last code)
        // SDMetrics adds 1e-6 to the real count of a category only the synthetic data has (its get_frequencies).
        double pseudo = variant == QualityVariant.SdMetrics ? 1e-6 : 0;
        long realCount = real.Sum(), syntheticCount = synthetic.Sum();
        double realTotal = realCount, syntheticTotal = syntheticCount;
        for (int k = 0; k < real.Length; k++) if (real[k] == 0 && synthetic[k] > 0) realTotal += pseudo;
        double tv = 0;
        for (int k = 0; k < real.Length; k++)
            tv += Math.Abs((real[k] == 0 && synthetic[k] > 0 ? pseudo : real[k]) / realTotal - synthetic[k] / syntheticTotal);
        double tvComplement = realCount == 0 || syntheticCount == 0 ? double.NaN : 1 - tv / 2;
        return new ColumnShapeScore(column.Name, MetricNames.TVComplement, tvComplement);
    }

    /// <summary>
    /// SDMetrics' KSComplement rounds both samples to 14 decimals first (<c>Series.round(sys.float_info.dig - 1)</c>,
    /// NumPy's <c>rint(x · 1e14) / 1e14</c>), so values that differ only past the 14th decimal tie. The rounding is
    /// monotone: sorted input stays sorted.
    /// </summary>
    internal static double[] RoundedAsSdMetrics(double[] sorted)
    {
        const double scale = 1e14;
        var rounded = new double[sorted.Length];
        for (int i = 0; i < sorted.Length; i++) rounded[i] = Math.Round(sorted[i] * scale, MidpointRounding.ToEven) / scale;
        return rounded;
    }

    private static MissingValueScore Missing(Column real, Column synthetic)
    {
        static double Share(Column column)
        {
            var values = column is NumberColumn or DateTimeColumn ? NumericValues.Read(column) : null; // a NaN number is null too
            int nulls = 0;
            for (int i = 0; i < column.Length; i++) if (values is null ? column.IsNull(i) : double.IsNaN(values[i])) nulls++;
            return (double)nulls / column.Length;
        }
        return new MissingValueScore(real.Name, Share(real), Share(synthetic));
    }

    private static ColumnPairScore Pair(ScoredColumn a, ScoredColumn b, int[]? realRows, int[]? syntheticRows, QualityVariant variant)
    {
        if (a.Numbers is { } x && b.Numbers is { } y)
        {
            // SDMetrics refuses a column with one distinct value in either table (ConstantInputError: NaN score).
            bool constant = variant == QualityVariant.SdMetrics && new[] { x.RealSorted, y.RealSorted, x.SyntheticSorted, y.SyntheticSorted }
                .Any(v => v.Length > 0 && v[0] == v[^1]);
            double realR = constant ? double.NaN : Pearson.Of(x.Real, y.Real);
            double syntheticR = constant ? double.NaN : Pearson.Of(x.Synthetic, y.Synthetic);
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
