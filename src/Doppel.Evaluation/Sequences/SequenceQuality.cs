namespace Doppel.Evaluation.Sequences;

/// <summary>
/// How faithful one sequence table's synthetic sequences are (GUIDE section 10; definitions in docs/metrics.md):
/// MOSTLY QA-compatible accuracy with its holdout ceiling, the SDMetrics-compatible per-sequence metrics,
/// autocorrelation, the order constraint, and the entity-level privacy distance.
/// </summary>
public sealed record SequenceQuality
{
    /// <summary>The sequence table.</summary>
    public required string Table { get; init; }

    /// <summary>Real (training) entities.</summary>
    public required int RealEntities { get; init; }

    /// <summary>Synthetic entities.</summary>
    public required int SyntheticEntities { get; init; }

    /// <summary>The window (steps) the accuracy and the per-sequence metrics cut sequences into; null: whole sequences.</summary>
    public int? Window { get; init; }

    /// <summary>The accuracy of the synthetic sequences against the training ones.</summary>
    public required SequenceAccuracyScore Accuracy { get; init; }

    /// <summary>The same accuracy between the training sequences and the holdout's: the ceiling; null without a holdout.</summary>
    public SequenceAccuracyScore? AccuracyCeiling { get; init; }

    /// <summary>SequenceLengthSimilarity: 1 − KS of the sequence lengths.</summary>
    public required double LengthSimilarity { get; init; }

    /// <summary>StatisticMSAS per numerical step column and statistic (mean, std, min, max).</summary>
    public required IReadOnlyList<(string Column, string Statistic, double Score)> Statistics { get; init; }

    /// <summary>InterRowMSAS per numerical step column.</summary>
    public required IReadOnlyList<(string Column, double Score)> InterRow { get; init; }

    /// <summary>Autocorrelation per numerical step column and lag, real against synthetic (NaN where no sequence is longer than the lag).</summary>
    public required IReadOnlyList<(string Column, int Lag, double Real, double Synthetic)> Autocorrelation { get; init; }

    /// <summary>Share of synthetic sequences whose order column increases from step to step (equal steps allowed only where the real sequences have ties).</summary>
    public required double OrderHolds { get; init; }

    /// <summary>
    /// DCR share of entities: the share of synthetic entities whose whole sequence (as <c>EntityRows</c> lays it out) is
    /// closer to a training entity than to a holdout entity (0.5 ideal, ties ½); null without a holdout.
    /// </summary>
    public double? EntityDcrShare { get; init; }

    /// <summary>Share of synthetic entities identical to a training entity (context, length and the compared steps); null without a holdout.</summary>
    public double? EntityIdenticalShare { get; init; }

    /// <summary>The same identical share for holdout entities, the reference for <see cref="EntityIdenticalShare"/>.</summary>
    public double? HoldoutEntityIdenticalShare { get; init; }

    /// <summary>Steps per entity compared by the entity distances (the first K).</summary>
    public int StepsCompared { get; init; }

    /// <summary>Real entities per sequence length (index = length).</summary>
    public required IReadOnlyList<long> RealLengths { get; init; }

    /// <summary>Synthetic entities per sequence length (index = length).</summary>
    public required IReadOnlyList<long> SyntheticLengths { get; init; }

    /// <summary>A few real and synthetic sequences of one numerical column, for the report's side-by-side chart.</summary>
    public SequenceSamples? Samples { get; init; }

    /// <summary>The overall score: the accuracy's overall.</summary>
    public double Overall => Accuracy.Overall;
}

/// <summary>A few sequences of one column, real and synthetic, as drawn in the report (each cut to its first steps).</summary>
/// <param name="Column">The numerical step column drawn.</param>
/// <param name="Real">Real sequences' values by step (NaN for null).</param>
/// <param name="Synthetic">Synthetic sequences' values by step.</param>
public sealed record SequenceSamples(string Column, IReadOnlyList<double[]> Real, IReadOnlyList<double[]> Synthetic);
