namespace Doppel.Evaluation.ML;

/// <summary>
/// One model's scores on the real holdout (or, in <see cref="UtilityResult.Ratio"/>, TSTR over TRTR). A score
/// that does not apply to the task, or cannot be computed (for instance an AUC when the holdout holds one class),
/// is null.
/// </summary>
public sealed record UtilityScores
{
    /// <summary>
    /// ROC AUC: binary targets with the minority class as positive; multiclass targets the macro average of the
    /// one-vs-rest AUCs over the classes present in the holdout.
    /// </summary>
    public double? Auc { get; init; }

    /// <summary>Share of holdout rows classified right (the most probable class).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Mean F1 over the classes among the true or predicted holdout labels (scikit-learn's macro average).</summary>
    public double? MacroF1 { get; init; }

    /// <summary>F1 of the least frequent class of the real training data.</summary>
    public double? MinorityF1 { get; init; }

    /// <summary>Regression: coefficient of determination 1 − SS_res / SS_tot on the holdout.</summary>
    public double? R2 { get; init; }

    /// <summary>TSTR over TRTR per score; null where either is null or the TRTR score is not positive.</summary>
    internal static UtilityScores Divide(UtilityScores tstr, UtilityScores trtr) => new()
    {
        Auc = Ratio(tstr.Auc, trtr.Auc),
        Accuracy = Ratio(tstr.Accuracy, trtr.Accuracy),
        MacroF1 = Ratio(tstr.MacroF1, trtr.MacroF1),
        MinorityF1 = Ratio(tstr.MinorityF1, trtr.MinorityF1),
        R2 = Ratio(tstr.R2, trtr.R2),
    };

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
}
