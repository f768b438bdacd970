namespace Doppel.Evaluation;

/// <summary>Settings for <see cref="PrivacyRisk.Compute"/>; the defaults follow GUIDE section 4 and Anonymeter.</summary>
public sealed record PrivacyRiskOptions
{
    /// <summary>
    /// Seed of every random choice: the cut of training and holdout to the same size, the subsample of query rows,
    /// the attack targets and the order of the singling-out queries. GUIDE section 4 fixes the cut to seed 0, the default.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Number of attacks of each Anonymeter kind: targets for linkability and inference, queries for singling out.</summary>
    public int Attacks { get; init; } = 500;

    /// <summary>
    /// At most this many synthetic rows (and as many holdout rows for the reference) are the query rows of the
    /// distance to closest record and NNDR; larger tables are subsampled with <see cref="Seed"/>. The identical match
    /// shares always use every row.
    /// </summary>
    public int MaxQueryRows { get; init; } = 50_000;

    /// <summary>The secret column of the inference attack; null takes the last scored column.</summary>
    public string? InferenceSecret { get; init; }

    /// <summary>
    /// A guessed numerical secret counts as correct within this relative tolerance (|guess − secret| ≤ tolerance·|secret|);
    /// a datetime secret within this share of the training range.
    /// </summary>
    public double InferenceTolerance { get; init; } = 0.05;

    /// <summary>
    /// The first auxiliary column set of the linkability attack; null takes the first half of the scored columns
    /// (rounded down).
    /// </summary>
    public IReadOnlyList<string>? LinkabilityFirst { get; init; }

    /// <summary>
    /// The second auxiliary column set of the linkability attack; null takes the scored columns not in
    /// <see cref="LinkabilityFirst"/>.
    /// </summary>
    public IReadOnlyList<string>? LinkabilitySecond { get; init; }

    /// <summary>A linkability attack succeeds when this many nearest synthetic rows on both sides share a row.</summary>
    public int LinkabilityNeighbors { get; init; } = 1;

    /// <summary>
    /// The membership-inference attack scores at most this many training rows (members) and as many holdout rows
    /// (non-members), drawn from the equally long cuts with <see cref="Seed"/>.
    /// </summary>
    public int MembershipRows { get; init; } = 10_000;

    /// <summary>
    /// The (ε, δ) of the differentially private model that generated the synthetic data, when known: the
    /// membership-inference result then carries the formal bound on any attack's advantage. Null: no formal bound.
    /// </summary>
    public (double Epsilon, double Delta)? DpBudget { get; init; }

    /// <summary>Threads for the neighbour searches; null uses every core, 1 runs on the calling thread.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Searches with fewer row pairs than this run on the calling thread (a test hook: results never depend on it).</summary>
    internal long SequentialBelowPairs { get; init; } = 4_000_000;
}
