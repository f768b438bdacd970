namespace Doppel.Evaluation.Relational;

/// <summary>The multi-table scores of one relationship (GUIDE section 9).</summary>
/// <param name="Relationship">The relationship, as <c>Child(fk) -> Parent(key)</c>.</param>
/// <param name="Cardinality">CardinalityShapeSimilarity: 1 − KS between real and synthetic children-per-parent counts (0 included).</param>
/// <param name="IntertableTrends">Column Pair Trends over the parent × child column pairs of the join, ≥ 0.27 thresholds; NaN when no pair qualifies.</param>
/// <param name="IntertableTrendsAllPairs">The same over all parent × child pairs.</param>
/// <param name="ReferentialIntegrity">Share of synthetic foreign keys that find their parent (nulls skipped where the real key has nulls).</param>
/// <param name="CardinalityBoundaryAdherence">Share of synthetic parents whose children count lies within the real [min, max].</param>
/// <param name="RealChildren">Real parents per children count (index = count).</param>
/// <param name="SyntheticChildren">Synthetic parents per children count.</param>
/// <param name="Pairs">The parent × child pair scores behind the trends.</param>
public sealed record RelationshipScore(
    string Relationship,
    double Cardinality,
    double IntertableTrends,
    double IntertableTrendsAllPairs,
    double ReferentialIntegrity,
    double CardinalityBoundaryAdherence,
    IReadOnlyList<long> RealChildren,
    IReadOnlyList<long> SyntheticChildren,
    IReadOnlyList<ColumnPairScore> Pairs);
