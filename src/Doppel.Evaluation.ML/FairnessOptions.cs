namespace Doppel.Evaluation.ML;

/// <summary>Options of <see cref="Fairness"/>.</summary>
public sealed record FairnessOptions
{
    /// <summary>
    /// The target value that counts as the positive outcome. Null takes the minority class of a binary target; a
    /// target with more classes needs one, and is then read one-vs-rest (this class against all others).
    /// </summary>
    public string? PositiveClass { get; init; }

    /// <summary>Most rows each holdout model trains on (a seeded subsample beyond it).</summary>
    public int MaxTrainingRows { get; init; } = 100_000;

    /// <summary>Seed of the subsamples and of LightGBM.</summary>
    public ulong Seed { get; init; }

    /// <summary>The holdout models' settings.</summary>
    public LightGbmOptions LightGbm { get; init; } = new();

    internal void Validate()
    {
        if (MaxTrainingRows < 2) throw new DoppelException(ErrorKind.Usage, $"MaxTrainingRows is {MaxTrainingRows}; it must be at least 2.");
        ArgumentNullException.ThrowIfNull(LightGbm);
        LightGbm.Validate();
    }
}
