namespace Doppel.Evaluation;

/// <summary>One diagnostic check of one column.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Metric">
/// "BoundaryAdherence", "RangeCoverage" (numerical, datetime), "CategoryAdherence", "CategoryCoverage"
/// (categorical, boolean) or "KeyUniqueness" (id).
/// </param>
/// <param name="Score">The score in [0, 1], 1 the best; NaN when undefined (see docs/metrics.md).</param>
public sealed record DiagnosticCheck(string Column, string Metric, double Score);
