namespace Doppel.Evaluation;

/// <summary>Which definitions <see cref="QualityReport"/> follows (docs/metrics.md works the differences).</summary>
public enum QualityVariant
{
    /// <summary>
    /// Doppel's own (GUIDE section 4): contingency tables over the rows where both columns are non-null, and mixed
    /// pairs cut into 10 bins over the real range, the same edges for both tables.
    /// </summary>
    Doppel,

    /// <summary>
    /// Exactly SDMetrics 0.29's single-table QualityReport: a null is a category of its own in contingency tables
    /// (shares over all rows), and each table's numerical column of a mixed pair is cut by its own
    /// <c>numpy.histogram_bin_edges</c> and <c>numpy.digitize</c> (12 codes; the maximum and nulls share the last).
    /// </summary>
    SdMetrics,
}
