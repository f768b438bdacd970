namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// How the Bayesian network is learned. Internal: chosen on UCI Adult (mean of 3 sampling seeds; ceiling 0.988):
/// k = 1, BIC 0.980; k = 2, BIC 0.983; k = 2, 0.1·BIC 0.987; k = 3, 0.1·BIC 0.988 at DCR share 0.504; k = 3 without
/// penalty 0.988 but DCR share 0.525 (3-parent tables over fnlwgt bins start to memorize). Bins: 10 to 30 change
/// little. Kept as settings so that experiments and a later differentially private variant (which wants small
/// tables) can change them.
/// </summary>
internal sealed record BayesSettings
{
    /// <summary>Most parents a column may have (PrivBayes' k).</summary>
    public int MaxParents { get; init; } = 3;

    /// <summary>
    /// Parent sets of two or more are drawn from this many strongest single parents of a column (by penalized mutual
    /// information), so fitting stays fast on wide tables.
    /// </summary>
    public int CandidateParents { get; init; } = 8;

    /// <summary>
    /// Above this many columns single parents are only scored among <see cref="ScreenedParents"/> candidates per column
    /// found by <see cref="ParentScreen"/> (all pairs would take columns² passes over the rows); at or below it every
    /// pair is scored, so ordinary tables get the same network as without the screen.
    /// </summary>
    public int WideColumns { get; init; } = 1_000;

    /// <summary>Single parents scored per column of a wide table.</summary>
    public int ScreenedParents { get; init; } = 32;

    /// <summary>Most quantile bins of a numeric or datetime column (point masses and the null bin come on top).</summary>
    public int MaxBins { get; init; } = 20;

    /// <summary>Most parent configurations (product of the parents' code counts) a conditional table may have.</summary>
    public int MaxConfigurations { get; init; } = 10_000;

    /// <summary>Most cells (configurations × own codes) a conditional table may have, so tables stay small.</summary>
    public int MaxCells { get; init; } = 200_000;

    /// <summary>Columns with more codes than this are never parents (a 100,000-level column would blow up tables).</summary>
    public int MaxParentCodes { get; init; } = 128;

    /// <summary>
    /// Weight of the BIC penalty ½·ln(n)·free parameters subtracted from n·I(X; parents); 1 is BIC, which keeps too
    /// few parents for fidelity, 0 lets the biggest tables win.
    /// </summary>
    public double Penalty { get; init; } = 0.1;
}
