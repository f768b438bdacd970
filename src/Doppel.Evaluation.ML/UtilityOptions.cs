namespace Doppel.Evaluation.ML;

/// <summary>Options of <see cref="Utility"/>.</summary>
public sealed record UtilityOptions
{
    /// <summary>Classification or regression; <see cref="PredictionTask.Auto"/> decides from the target.</summary>
    public PredictionTask Task { get; init; } = PredictionTask.Auto;

    /// <summary>Most rows each model trains on (a seeded subsample of the training or synthetic table beyond it).</summary>
    public int MaxTrainingRows { get; init; } = 100_000;

    /// <summary>Seed of the subsamples and of LightGBM.</summary>
    public ulong Seed { get; init; }

    /// <summary>The models' settings.</summary>
    public LightGbmOptions LightGbm { get; init; } = new();

    internal void Validate()
    {
        if (!Enum.IsDefined(Task)) throw new DoppelException(ErrorKind.Usage, $"Unknown prediction task {(int)Task}.");
        if (MaxTrainingRows < 2) throw new DoppelException(ErrorKind.Usage, $"MaxTrainingRows is {MaxTrainingRows}; it must be at least 2.");
        ArgumentNullException.ThrowIfNull(LightGbm);
        LightGbm.Validate();
    }
}
