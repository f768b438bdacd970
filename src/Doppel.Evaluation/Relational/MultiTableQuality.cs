namespace Doppel.Evaluation.Relational;

/// <summary>
/// The multi-table quality of a synthetic database (GUIDE section 9, SDMetrics ≥ 0.27 definitions): four properties,
/// their mean, and the per-table and per-relationship scores behind them.
/// </summary>
/// <param name="Cardinality">Mean over relationships of <see cref="RelationshipScore.Cardinality"/>.</param>
/// <param name="IntertableTrends">Mean over the counted parent × child pairs of all relationships; NaN when none qualifies.</param>
/// <param name="IntertableTrendsAllPairs">Mean over all parent × child pairs.</param>
/// <param name="ColumnShapes">Mean over the columns of all tables pooled (not a mean of table means).</param>
/// <param name="ColumnPairTrends">Mean over the counted column pairs of all tables pooled.</param>
/// <param name="ColumnPairTrendsAllPairs">Mean over all column pairs of all tables pooled.</param>
/// <param name="Tables">Per table, its single-table quality and accuracy (tables without rows or scorable columns are left out).</param>
/// <param name="Relationships">Per relationship, in metadata order.</param>
public sealed record MultiTableQuality(
    double Cardinality,
    double IntertableTrends,
    double IntertableTrendsAllPairs,
    double ColumnShapes,
    double ColumnPairTrends,
    double ColumnPairTrendsAllPairs,
    IReadOnlyDictionary<string, TableQuality> Tables,
    IReadOnlyList<RelationshipScore> Relationships)
{
    /// <summary>Mean of the four properties, NaN ignored.</summary>
    public double Overall => NanMean.Of([Cardinality, IntertableTrends, ColumnShapes, ColumnPairTrends]);

    /// <summary>Per sequence table, its sequence scores (GUIDE section 10); empty when the database has none.</summary>
    public IReadOnlyList<Sequences.SequenceQuality> Sequences { get; init; } = [];

    /// <summary>The smallest <see cref="RelationshipScore.ReferentialIntegrity"/> (1 when there are no relationships).</summary>
    public double ReferentialIntegrity => Relationships.Count == 0 ? 1 : Relationships.Min(r => r.ReferentialIntegrity);

    /// <summary>The smallest <see cref="RelationshipScore.CardinalityBoundaryAdherence"/> (1 when there are no relationships).</summary>
    public double CardinalityBoundaryAdherence => Relationships.Count == 0 ? 1 : Relationships.Min(r => r.CardinalityBoundaryAdherence);
}

/// <summary>One table's single-table scores inside a database evaluation.</summary>
/// <param name="Quality">The SDMetrics-compatible quality.</param>
/// <param name="Accuracy">The MOSTLY-style accuracy.</param>
public sealed record TableQuality(QualityScore Quality, AccuracyScore Accuracy);
