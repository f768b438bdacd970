namespace Doppel.Evaluation.ML;

/// <summary>
/// The LightGBM settings every ML-based metric trains with. The defaults are LightGBM's own (100 trees of 31
/// leaves, learning rate 0.1, 20 rows per leaf), fixed rather than left to ML.NET's size-dependent auto-tuning.
/// </summary>
/// <remarks>
/// Determinism: LightGBM and ML.NET are seeded from the metric's seed and no row sampling or feature sampling is
/// used, so a result is identical run to run for the same inputs, seed and <see cref="Threads"/>. The thread count
/// is fixed (not the machine's core count) because LightGBM sums histograms per thread: another count can change
/// the last bits of a split gain and, rarely, a split.
/// Cost: one thread is the default because the models are small (Adult: well under a second each) and LightGBM's
/// OpenMP threads spin while they wait: on a busy two-core machine two threads ran several times slower than one.
/// </remarks>
public sealed record LightGbmOptions
{
    /// <summary>Boosting rounds (trees per class).</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Maximum leaves per tree.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Shrinkage per tree.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>LightGBM threads per model (ML.NET trains one LightGBM model at a time in a process).</summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        if (Iterations < 1) throw Bad(nameof(Iterations), Iterations, "at least 1");
        if (Leaves < 2) throw Bad(nameof(Leaves), Leaves, "at least 2");
        if (!(LearningRate > 0 && LearningRate <= 1)) throw Bad(nameof(LearningRate), LearningRate, "in (0, 1]");
        if (MinRowsPerLeaf < 1) throw Bad(nameof(MinRowsPerLeaf), MinRowsPerLeaf, "at least 1");
        if (Threads < 1) throw Bad(nameof(Threads), Threads, "at least 1");
    }

    private static DoppelException Bad(string name, object value, string expected) =>
        new(ErrorKind.Usage, $"LightGBM option {name} is {value}; it must be {expected}.");
}
