namespace Doppel.Evaluation.ML;

/// <summary>
/// Whether synthetic data keeps the real data's group structure and outcome rates per sensitive group, and
/// whether a model trained on it treats groups as a model trained on real data does.
/// </summary>
public sealed record FairnessResult
{
    /// <summary>The outcome column.</summary>
    public required string Target { get; init; }

    /// <summary>The target value counted as the positive outcome.</summary>
    public required string PositiveClass { get; init; }

    /// <summary>One entry per sensitive column, in the order given.</summary>
    public required IReadOnlyList<SensitiveColumnFairness> Columns { get; init; }

    /// <summary>Rows left out (no target or no group value), groups the synthetic data lacks, constant models.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
