namespace Doppel.Evaluation;

/// <summary>How well the relation between two columns is kept (a row of Column Pair Trends).</summary>
/// <param name="ColumnA">The first column, in metadata order.</param>
/// <param name="ColumnB">The second column.</param>
/// <param name="Metric">"CorrelationSimilarity" (both numerical or datetime) or "ContingencySimilarity".</param>
/// <param name="Score">The score in [0, 1]; NaN when undefined (a constant column, no complete row).</param>
/// <param name="RealAssociation">
/// The strength of the relation in the real data: |r| for a correlation pair, Cramér's V for a contingency pair;
/// NaN when undefined.
/// </param>
/// <param name="Counted">
/// Whether the pair counts in the SDMetrics ≥ 0.27 score: |r| &gt; 0.5 or Cramér's V &gt; 0.3.
/// </param>
/// <param name="RealCorrelation">Pearson's r in the real data; NaN for contingency pairs or when undefined.</param>
/// <param name="SyntheticCorrelation">Pearson's r in the synthetic data; NaN for contingency pairs or when undefined.</param>
public sealed record ColumnPairScore(
    string ColumnA,
    string ColumnB,
    string Metric,
    double Score,
    double RealAssociation,
    bool Counted,
    double RealCorrelation,
    double SyntheticCorrelation);
