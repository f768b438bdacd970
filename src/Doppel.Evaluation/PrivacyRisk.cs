using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// Privacy risk of synthetic data (GUIDE section 4): identical match share, distance to closest record, nearest-
/// neighbour distance ratio, Anonymeter's singling-out, linkability and inference risks, and a distance-based
/// membership-inference attack (with the DP bound on its advantage when the model's budget is known). Distances are Gower-like
/// over the scored columns (ids, text and PII are left out): numbers and datetimes |x − y| / training range capped at
/// 1 (a zero range: 0 when equal, else 1), categories and booleans 0 when equal else 1, null against null 0, null
/// against a value 1, averaged over the columns.
/// </summary>
public static class PrivacyRisk
{
    /// <summary>
    /// Measures how much <paramref name="synthetic"/> reveals about <paramref name="train"/>, with
    /// <paramref name="holdout"/> (real rows the generator never saw, from the same source) as the reference.
    /// </summary>
    /// <exception cref="DoppelException">
    /// <see cref="ErrorKind.Data"/> when a table is empty, the tables have different columns or store a column
    /// differently; <see cref="ErrorKind.Usage"/> for invalid options.
    /// </exception>
    public static PrivacyRiskResult Compute(Table train, Table holdout, Table synthetic, TableMetadata metadata, PrivacyRiskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new PrivacyRiskOptions();
        var inputs = PrivacyInputs.Validate(train, holdout, synthetic, metadata, options);
        var encoding = PrivacyEncoding.Create(train, holdout, synthetic, inputs.Columns);

        var identical = new IdenticalMatches(encoding);
        double ims = identical.Share(PrivacyPart.Synthetic);
        double holdoutIms = identical.Share(PrivacyPart.Holdout);

        int n = Math.Min(train.RowCount, holdout.RowCount);
        var trainCut = RowSampling.Choose(train.RowCount, n, options.Seed, RowSampling.TrainingCut);
        var holdoutCut = RowSampling.Choose(holdout.RowCount, n, options.Seed, RowSampling.HoldoutCut);
        var order = ScanOrder.Of(encoding, options.Seed);
        var dcr = DistanceToClosest.Compute(encoding, order, trainCut, holdoutCut, options);

        int targets = Math.Min(options.Attacks, n);
        var singlingOut = SinglingOutAttack.Run(encoding, trainCut, holdoutCut, options);
        var linkability = LinkabilityAttack.Run(encoding, order, inputs.LinkFirst, inputs.LinkSecond, targets, options);
        var inference = InferenceAttack.Run(encoding, order, inputs.Secret, targets, options);
        var membership = MembershipInference.Run(encoding, order, trainCut, holdoutCut, options);

        return new PrivacyRiskResult(ims, holdoutIms, dcr.Share, dcr.MedianDcr, dcr.HoldoutMedianDcr, dcr.NndrMedian, dcr.NndrP5,
            n, dcr.QueryRows, dcr.HoldoutQueryRows, singlingOut, linkability, inference) { MembershipInference = membership };
    }
}
