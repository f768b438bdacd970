namespace Doppel.Evaluation.ML;

/// <summary>Options of <see cref="Detection"/>.</summary>
public sealed record DetectionOptions
{
    /// <summary>
    /// Most rows taken from each table (a seeded subsample) to keep the cost bounded; both tables then give the
    /// same number of rows, the smaller table's size or this cap.
    /// </summary>
    public int MaxRowsPerClass { get; init; } = 20_000;

    /// <summary>Cross-validation folds (stratified: each fold holds as many real as synthetic rows, ±1).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the subsamples, the fold assignment and LightGBM.</summary>
    public ulong Seed { get; init; }

    /// <summary>How many of the synthetic rows the classifier is surest about to return (0: none).</summary>
    public int SurestRows { get; init; } = 5;

    /// <summary>
    /// Held-out rows per fold (half real, half synthetic) on which each column is shuffled to measure its importance;
    /// more rows give a steadier estimate at one prediction of this many rows per column and fold.
    /// </summary>
    public int ImportanceRows { get; init; } = 2_000;

    /// <summary>The classifier's settings.</summary>
    public LightGbmOptions LightGbm { get; init; } = new();

    internal void Validate()
    {
        if (Folds < 2) throw new DoppelException(ErrorKind.Usage, $"Detection needs at least 2 folds; got {Folds}.");
        if (MaxRowsPerClass < Folds)
            throw new DoppelException(ErrorKind.Usage, $"Detection's MaxRowsPerClass is {MaxRowsPerClass}; it must be at least the number of folds ({Folds}).");
        if (ImportanceRows < 2) throw new DoppelException(ErrorKind.Usage, $"Detection's ImportanceRows is {ImportanceRows}; it must be at least 2.");
        if (SurestRows < 0) throw new DoppelException(ErrorKind.Usage, $"Detection's SurestRows is {SurestRows}; it must be 0 or more.");
        ArgumentNullException.ThrowIfNull(LightGbm);
        LightGbm.Validate();
    }
}
