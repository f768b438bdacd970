namespace Doppel.Evaluation;

/// <summary>
/// Privacy risk of a synthetic table against its training data, with holdout rows as the reference (GUIDE section 4).
/// Distances are Gower-like over the scored columns; see docs/privacy-metrics.md.
/// </summary>
/// <param name="IdenticalMatchShare">Share of all synthetic rows identical to some training row (IMS).</param>
/// <param name="HoldoutIdenticalMatchShare">Share of all holdout rows identical to some training row: the baseline for IMS.</param>
/// <param name="DcrShare">
/// Share of query rows whose nearest row in the cut training set is closer than their nearest row in the cut
/// holdout set, ties counting ½ (0.5 is ideal).
/// </param>
/// <param name="MedianDcr">Median over query rows of the distance to the closest training row (whole training set).</param>
/// <param name="HoldoutMedianDcr">The same median for holdout rows: the reference.</param>
/// <param name="NndrMedian">Median over query rows of nearest / second-nearest training distance (0 when both are 0).</param>
/// <param name="NndrP5">5th percentile of the same ratio.</param>
/// <param name="ComparedRows">n = min(training rows, holdout rows): the size both sets are cut to for the DCR share.</param>
/// <param name="QueryRows">Synthetic rows used as queries for the DCR share, median DCR and NNDR (all, or a seeded subsample).</param>
/// <param name="HoldoutQueryRows">Holdout rows used as queries for <paramref name="HoldoutMedianDcr"/>.</param>
/// <param name="SinglingOut">Univariate singling-out risk (Anonymeter).</param>
/// <param name="Linkability">Linkability risk (Anonymeter).</param>
/// <param name="Inference">Inference risk on the secret column (Anonymeter).</param>
public sealed record PrivacyRiskResult(
    double IdenticalMatchShare,
    double HoldoutIdenticalMatchShare,
    double DcrShare,
    double MedianDcr,
    double HoldoutMedianDcr,
    double NndrMedian,
    double NndrP5,
    int ComparedRows,
    int QueryRows,
    int HoldoutQueryRows,
    AnonymeterRisk SinglingOut,
    AnonymeterRisk Linkability,
    AnonymeterRisk Inference)
{
    /// <summary>The distance-based membership-inference attack, with the DP bound when the model's budget is known.</summary>
    public required MembershipInferenceResult MembershipInference { get; init; }
}
