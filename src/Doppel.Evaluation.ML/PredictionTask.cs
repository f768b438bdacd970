namespace Doppel.Evaluation.ML;

/// <summary>What the utility models predict.</summary>
public enum PredictionTask
{
    /// <summary>
    /// Decided from the target: categorical and boolean targets are classified; a numerical target is classified
    /// when it holds at most 10 distinct values in the training data, all whole numbers (codes such as 0/1, the
    /// same rule the accuracy metric uses to bin numbers by value), and regressed otherwise; a datetime target is
    /// regressed in days.
    /// </summary>
    Auto,
    /// <summary>Classification: ROC AUC, accuracy, macro-F1 and minority-class F1.</summary>
    Classification,
    /// <summary>Regression: R².</summary>
    Regression,
}
