namespace Doppel.Evaluation;

/// <summary>
/// Diagnostic checks of a synthetic table against the real one (SDMetrics' Diagnostic Report): do synthetic
/// values stay within the real bounds and categories, do they cover them, and are the keys unique.
/// </summary>
/// <param name="Checks">The checks, by column in metadata order.</param>
public sealed record DiagnosticsResult(IReadOnlyList<DiagnosticCheck> Checks)
{
    /// <summary>Data validity: mean of the BoundaryAdherence, CategoryAdherence and KeyUniqueness scores (NaN skipped).</summary>
    public double Validity => NanMean.Of(Checks
        .Where(c => c.Metric is MetricNames.BoundaryAdherence or MetricNames.CategoryAdherence or MetricNames.KeyUniqueness)
        .Select(c => c.Score));

    /// <summary>Coverage: mean of the RangeCoverage and CategoryCoverage scores (NaN skipped).</summary>
    public double Coverage => NanMean.Of(Checks
        .Where(c => c.Metric is MetricNames.RangeCoverage or MetricNames.CategoryCoverage)
        .Select(c => c.Score));
}
