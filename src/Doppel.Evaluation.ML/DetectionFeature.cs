namespace Doppel.Evaluation.ML;

/// <summary>How much one column helps the detection classifier tell synthetic rows from real ones.</summary>
/// <param name="Column">The column (a categorical column's one-hot slots are shuffled together, as one).</param>
/// <param name="Importance">
/// Permutation importance: the ROC AUC the classifier loses on held-out rows when this column's values are shuffled
/// among them, averaged over the cross-validation folds. About 0 for a column drawn like the real one (it can be
/// slightly negative by chance); up to AUC − 0.5 for a column that alone gives the rows away. Columns that carry the
/// same information share it: shuffling one leaves the other to tell.
/// </param>
public sealed record DetectionFeature(string Column, double Importance);
