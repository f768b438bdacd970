using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// How much of the synthetic (and holdout) data repeats training rows exactly, judged against how often the
/// training data repeats itself: cheap (one hash per row), so every evaluation runs it, with or without a holdout.
/// </summary>
/// <param name="IdenticalMatchShare">Share of synthetic rows identical to a training row (scored columns).</param>
/// <param name="TrainingDuplicateShare">Share of training rows identical to another training row: the chance level of a table with few distinct rows.</param>
/// <param name="HoldoutIdenticalMatchShare">Share of holdout rows identical to a training row; NaN without a holdout.</param>
public sealed record CopyCheckResult(double IdenticalMatchShare, double TrainingDuplicateShare, double HoldoutIdenticalMatchShare)
{
    /// <summary>The synthetic rows copied beyond chance: identical matches above the training data's own duplicate share.</summary>
    public double Excess => IdenticalMatchShare - Math.Min(TrainingDuplicateShare, double.IsNaN(HoldoutIdenticalMatchShare) ? 1 : HoldoutIdenticalMatchShare);

    /// <summary>True when so many synthetic rows repeat training rows that the data is (in large part) a copy.</summary>
    public bool IsCopy => Excess > CopyCheck.CopyExcess;

    /// <summary>
    /// True when the holdout repeats training rows well beyond the training data's own duplicates: it is not
    /// held out, so every score against it (ceiling, DCR, membership attack) is meaningless.
    /// </summary>
    public bool HoldoutOverlaps => HoldoutIdenticalMatchShare - TrainingDuplicateShare > CopyCheck.CopyExcess;
}

/// <summary>Computes <see cref="CopyCheckResult"/>.</summary>
public static class CopyCheck
{
    /// <summary>Identical matches this far above chance (a quarter of the rows) make a copy.</summary>
    public const double CopyExcess = 0.25;

    /// <summary>Compares every row of <paramref name="synthetic"/> (and <paramref name="holdout"/>) with the training rows.</summary>
    /// <exception cref="DoppelException">The tables do not fit the metadata, or no column can be scored.</exception>
    public static CopyCheckResult Compute(Table train, Table synthetic, Table? holdout, TableMetadata metadata)
    {
        TablePair.Check(train, synthetic, metadata);
        if (holdout is not null) TablePair.Check(train, holdout, metadata);
        var columns = metadata.Columns.Where(Binning.Scored).ToArray();
        if (columns.Length == 0) throw new DoppelException(ErrorKind.Data, "No column can be scored: all are ids, text or PII.");
        var encoding = PrivacyEncoding.Create(train, holdout ?? train, synthetic, columns);
        var identical = new IdenticalMatches(encoding);
        return new CopyCheckResult(identical.Share(PrivacyPart.Synthetic), identical.TrainingDuplicateShare(),
            holdout is null ? double.NaN : identical.Share(PrivacyPart.Holdout));
    }
}
