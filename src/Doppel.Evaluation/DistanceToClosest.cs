using System.Numerics;

namespace Doppel.Evaluation;

/// <summary>
/// Distance to closest record (DCR) and nearest-neighbour distance ratio (NNDR) of synthetic rows, and the DCR of
/// holdout rows as the reference, by brute force over pre-encoded rows.
/// </summary>
internal static class DistanceToClosest
{
    /// <summary>The DCR share, medians and NNDR quantiles (see <see cref="PrivacyRiskResult"/>).</summary>
    public readonly record struct Result(double Share, double MedianDcr, double HoldoutMedianDcr, double NndrMedian, double NndrP5,
        int QueryRows, int HoldoutQueryRows);

    /// <summary>
    /// Searches with training and holdout cut to <paramref name="trainCut"/> and <paramref name="holdoutCut"/> (equally
    /// long) for the share, and the whole training set for the medians and NNDR.
    /// </summary>
    public static Result Compute(PrivacyEncoding encoding, int[] order, int[] trainCut, int[] holdoutCut, PrivacyRiskOptions options)
    {
        int trainRows = encoding.RowCounts[(int)PrivacyPart.Train];
        int width = encoding.Width;
        var cut = CandidateBlocks.Build(encoding, PrivacyPart.Train, trainCut, order);
        var rest = CandidateBlocks.Build(encoding, PrivacyPart.Train, RowSampling.Complement(trainRows, trainCut), order);
        var holdout = CandidateBlocks.Build(encoding, PrivacyPart.Holdout, holdoutCut, order);

        var queries = RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Synthetic], options.MaxQueryRows, options.Seed, RowSampling.SyntheticQueries);
        var share = new double[queries.Length];
        var dcr = new double[queries.Length];
        var nndr = new double[queries.Length];
        RowLoop.Run(queries.Length, trainRows + holdout.Count, options, (first, end) =>
        {
            var query = new Vector<float>[width];
            for (int q = first; q < end; q++)
            {
                cut.Broadcast(encoding, PrivacyPart.Synthetic, queries[q], query);
                float best = float.PositiveInfinity, second = float.PositiveInfinity, nearestHoldout = float.PositiveInfinity;
                NearestNeighbors.TopTwo(cut, query, ref best, ref second);
                float nearestCut = best;
                NearestNeighbors.TopTwo(rest, query, ref best, ref second);
                NearestNeighbors.Nearest(holdout, query, ref nearestHoldout);
                share[q] = nearestCut < nearestHoldout ? 1 : nearestCut == nearestHoldout ? 0.5 : 0;
                dcr[q] = (double)best / width;
                // 0/0 (two training rows identical to the query) counts as 0, the riskiest ratio; one training row has no second.
                nndr[q] = float.IsPositiveInfinity(second) ? double.NaN : second == 0 ? 0 : (double)best / second;
            }
        });

        var holdoutQueries = RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Holdout], options.MaxQueryRows, options.Seed, RowSampling.HoldoutQueries);
        var holdoutDcr = new double[holdoutQueries.Length];
        RowLoop.Run(holdoutQueries.Length, trainRows, options, (first, end) =>
        {
            var query = new Vector<float>[width];
            for (int q = first; q < end; q++)
            {
                cut.Broadcast(encoding, PrivacyPart.Holdout, holdoutQueries[q], query);
                float best = float.PositiveInfinity;
                NearestNeighbors.Nearest(cut, query, ref best);
                NearestNeighbors.Nearest(rest, query, ref best);
                holdoutDcr[q] = (double)best / width;
            }
        });

        Array.Sort(dcr);
        Array.Sort(holdoutDcr);
        Array.Sort(nndr); // NaN (a single training row) sorts first; then every ratio is NaN
        return new Result(share.Average(), Quantile(dcr, 0.5), Quantile(holdoutDcr, 0.5), Quantile(nndr, 0.5), Quantile(nndr, 0.05),
            queries.Length, holdoutQueries.Length);
    }

    /// <summary>The <paramref name="p"/>-quantile of sorted values with linear interpolation (numpy's default).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int lo = (int)position;
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
