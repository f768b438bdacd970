namespace Doppel.Evaluation;

/// <summary>How well one column's synthetic distribution matches the real one (a row of Column Shapes).</summary>
/// <param name="Column">The column name.</param>
/// <param name="Metric">"KSComplement" (numerical, datetime) or "TVComplement" (categorical, boolean).</param>
/// <param name="Score">The score in [0, 1]; NaN when a table has no non-null value in the column.</param>
public sealed record ColumnShapeScore(string Column, string Metric, double Score);
