namespace Doppel.Evaluation.ML;

/// <summary>Fairness measures of one sensitive column, real against synthetic.</summary>
/// <remarks>
/// Demographic parity difference = max − min of the groups' positive rates; disparate impact ratio = min / max
/// (1 is parity; the "80% rule" flags values below 0.8). Equalized odds difference = the larger of the range of
/// the groups' true positive rates and the range of their false positive rates (Fairlearn's definition). Each is
/// taken over the groups where it is defined, and is null when fewer than two groups have it.
/// </remarks>
public sealed record SensitiveColumnFairness
{
    /// <summary>The sensitive column.</summary>
    public required string Column { get; init; }

    /// <summary>Its groups: the real data's by falling frequency, then any only the synthetic data or the holdout has.</summary>
    public required IReadOnlyList<GroupFairness> Groups { get; init; }

    /// <summary>Demographic parity difference of the target in the real data.</summary>
    public double? RealParityDifference { get; init; }

    /// <summary>Demographic parity difference of the target in the synthetic data.</summary>
    public double? SyntheticParityDifference { get; init; }

    /// <summary>Disparate impact ratio of the target in the real data.</summary>
    public double? RealDisparateImpact { get; init; }

    /// <summary>Disparate impact ratio of the target in the synthetic data.</summary>
    public double? SyntheticDisparateImpact { get; init; }

    /// <summary>With a holdout: equalized odds difference of the model trained on real data.</summary>
    public double? TrtrEqualizedOddsDifference { get; init; }

    /// <summary>With a holdout: equalized odds difference of the model trained on synthetic data.</summary>
    public double? TstrEqualizedOddsDifference { get; init; }
}
