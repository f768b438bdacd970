namespace Doppel.Evaluation.ML;

/// <summary>How well a LightGBM classifier tells real rows from synthetic ones (GUIDE section 4, "Detection").</summary>
/// <param name="Auc">Mean ROC AUC over the cross-validation folds: 0.5 means indistinguishable, 1 means every row is told apart.</param>
/// <param name="FoldAucs">The ROC AUC of each fold, on the rows that fold held out.</param>
/// <param name="RowsPerClass">Rows taken from each table; the classifier saw twice as many.</param>
public sealed record DetectionResult(double Auc, IReadOnlyList<double> FoldAucs, int RowsPerClass)
{
    /// <summary>Every feature column, most important first (ties by name): what gives the synthetic rows away.</summary>
    public IReadOnlyList<DetectionFeature> Features { get; init; } = [];

    /// <summary>
    /// The synthetic rows with the highest out-of-fold scores, surest first (at most
    /// <see cref="DetectionOptions.SurestRows"/>). Only synthetic rows, never real ones.
    /// </summary>
    public IReadOnlyList<SuspectRow> SurestSynthetic { get; init; } = [];

    /// <summary>All rows used: real plus synthetic.</summary>
    public int Rows => 2 * RowsPerClass;

    /// <summary>
    /// The AUC as SDMetrics' detection metrics report it: 1 − (2·max(AUC, 0.5) − 1), so 1 is best and 0 worst.
    /// </summary>
    public double Score => 1 - (2 * Math.Max(Auc, 0.5) - 1);
}
