namespace Doppel.Evaluation.ML;

/// <summary>A model's rates on one group's holdout rows (a row is predicted positive when its probability is at least ½).</summary>
/// <param name="Rows">Holdout rows of the group with a target value.</param>
/// <param name="TruePositiveRate">TP / (TP + FN); null when the group has no positive row.</param>
/// <param name="FalsePositiveRate">FP / (FP + TN); null when the group has no negative row.</param>
public sealed record GroupErrorRates(int Rows, double? TruePositiveRate, double? FalsePositiveRate);
