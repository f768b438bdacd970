namespace Doppel.Evaluation;

/// <summary>
/// The Quality Report, in the variant <see cref="QualityReport.Compute"/> was asked for (docs/metrics.md): Column Shapes, Column Pair Trends
/// in the SDMetrics ≥ 0.27 variant (only pairs with a real relation) and the earlier all-pairs variant, with
/// the per-column and per-pair scores behind them.
/// </summary>
/// <param name="ColumnShapes">Mean of the per-column shape scores (NaN scores skipped).</param>
/// <param name="ColumnPairTrends">
/// Mean of the scores of the pairs that are <see cref="ColumnPairScore.Counted"/>; NaN ("not applicable") when
/// no pair qualifies.
/// </param>
/// <param name="ColumnPairTrendsAllPairs">Mean of the scores of all pairs (the pre-0.27 property); NaN without pairs.</param>
/// <param name="Shapes">Per-column shape scores, in metadata order.</param>
/// <param name="Pairs">Per-pair scores, in metadata order.</param>
/// <param name="MissingValues">Per-column MissingValueSimilarity, in metadata order.</param>
public sealed record QualityScore(
    double ColumnShapes,
    double ColumnPairTrends,
    double ColumnPairTrendsAllPairs,
    IReadOnlyList<ColumnShapeScore> Shapes,
    IReadOnlyList<ColumnPairScore> Pairs,
    IReadOnlyList<MissingValueScore> MissingValues)
{
    /// <summary>The SDMetrics ≥ 0.27 overall score: mean of Column Shapes and Column Pair Trends, skipping NaN.</summary>
    public double Overall => NanMean.Of(ColumnShapes, ColumnPairTrends);

    /// <summary>The pre-0.27 overall score: mean of Column Shapes and the all-pairs Column Pair Trends.</summary>
    public double OverallAllPairs => NanMean.Of(ColumnShapes, ColumnPairTrendsAllPairs);
}
