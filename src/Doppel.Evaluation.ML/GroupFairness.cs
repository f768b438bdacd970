namespace Doppel.Evaluation.ML;

/// <summary>One group (value) of a sensitive column, in the real and the synthetic data.</summary>
public sealed record GroupFairness
{
    /// <summary>The group's value.</summary>
    public required string Group { get; init; }

    /// <summary>Real rows in the group.</summary>
    public required int RealRows { get; init; }

    /// <summary>Synthetic rows in the group.</summary>
    public required int SyntheticRows { get; init; }

    /// <summary>The group's share of the real rows with a value in the sensitive column.</summary>
    public required double RealShare { get; init; }

    /// <summary>The group's share of the synthetic rows with a value in the sensitive column.</summary>
    public required double SyntheticShare { get; init; }

    /// <summary>Share of the group's real rows (with a target value) whose target is the positive class; null for an empty group.</summary>
    public double? RealPositiveRate { get; init; }

    /// <summary>The same in the synthetic data.</summary>
    public double? SyntheticPositiveRate { get; init; }

    /// <summary>With a holdout: the TRTR model's error rates on the group's holdout rows.</summary>
    public GroupErrorRates? Trtr { get; init; }

    /// <summary>With a holdout: the TSTR model's error rates on the group's holdout rows.</summary>
    public GroupErrorRates? Tstr { get; init; }
}
