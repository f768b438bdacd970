namespace Doppel.Evaluation.ML;

/// <summary>
/// Machine-learning utility (GUIDE section 4, "Utility (TSTR)"): a model trained on the synthetic data and tested
/// on a real holdout (TSTR) against the same model trained on the real training data (TRTR).
/// </summary>
public sealed record UtilityResult
{
    /// <summary>The predicted column.</summary>
    public required string Target { get; init; }

    /// <summary><see cref="PredictionTask.Classification"/> or <see cref="PredictionTask.Regression"/>, as decided.</summary>
    public required PredictionTask Task { get; init; }

    /// <summary>Classification: the classes of the real training data, most frequent first; empty for regression.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Classification: the least frequent class of the real training data (the positive class of a binary AUC).</summary>
    public string? MinorityClass { get; init; }

    /// <summary>Train on real, test on the real holdout: the ceiling.</summary>
    public required UtilityScores Trtr { get; init; }

    /// <summary>Train on synthetic, test on the real holdout.</summary>
    public required UtilityScores Tstr { get; init; }

    /// <summary>TSTR / TRTR per score (1 = the synthetic data trains as good a model as the real data).</summary>
    public required UtilityScores Ratio { get; init; }

    /// <summary>Real training rows the TRTR model learned from.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Synthetic rows the TSTR model learned from.</summary>
    public required int SyntheticRows { get; init; }

    /// <summary>Holdout rows scored.</summary>
    public required int HoldoutRows { get; init; }

    /// <summary>What was left out or could not be learned (rows without a target, classes absent from the synthetic data, ...).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
