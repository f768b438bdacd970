namespace Doppel.Evaluation.ML;

/// <summary>A synthetic row the detection classifier is surest is synthetic.</summary>
/// <param name="Row">The row's index in the synthetic table.</param>
/// <param name="Score">The classifier's probability that the row is synthetic, from the fold that held the row out.</param>
public sealed record SuspectRow(int Row, double Score);
