using System.Numerics;

namespace Doppel.Evaluation;

/// <summary>
/// Anonymeter's linkability attack (Giomi et al. 2022): the attacker holds two column sets of a target record and
/// links them when the k nearest synthetic rows on the first set and the k nearest on the second set share a row.
/// Run on training targets and, as the control, on holdout targets.
/// </summary>
internal static class LinkabilityAttack
{
    /// <summary>Runs the attack on <paramref name="targets"/> training rows and as many holdout rows.</summary>
    public static AnonymeterRisk Run(PrivacyEncoding encoding, int[] order, int[] first, int[] second, int targets, PrivacyRiskOptions options)
    {
        if (first.Length == 0 || second.Length == 0) return AnonymeterRisk.NotApplicable;
        var allSynthetic = Enumerable.Range(0, encoding.RowCounts[(int)PrivacyPart.Synthetic]).ToArray();
        var left = CandidateBlocks.Build(encoding, PrivacyPart.Synthetic, allSynthetic, ScanOrder.Restrict(order, first));
        var right = CandidateBlocks.Build(encoding, PrivacyPart.Synthetic, allSynthetic, ScanOrder.Restrict(order, second));
        int k = Math.Min(options.LinkabilityNeighbors, allSynthetic.Length);
        int attack = Links(encoding, PrivacyPart.Train, RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Train], targets, options.Seed, RowSampling.LinkabilityTargets), left, right, k, options);
        int control = Links(encoding, PrivacyPart.Holdout, RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Holdout], targets, options.Seed, RowSampling.LinkabilityControls), left, right, k, options);
        return AnonymeterRisk.FromCounts(attack, control, targets);
    }

    /// <summary>Number of <paramref name="rows"/> whose two halves share one of their k nearest synthetic rows.</summary>
    private static int Links(PrivacyEncoding encoding, PrivacyPart part, int[] rows, CandidateBlocks left, CandidateBlocks right, int k, PrivacyRiskOptions options)
    {
        var linked = new bool[rows.Length];
        RowLoop.Run(rows.Length, (long)left.Count * 2, options, (begin, end) =>
        {
            var queryLeft = new Vector<float>[left.Columns.Length];
            var queryRight = new Vector<float>[right.Columns.Length];
            var distances = new float[k];
            var nearLeft = new int[k];
            var nearRight = new int[k];
            for (int t = begin; t < end; t++)
            {
                left.Broadcast(encoding, part, rows[t], queryLeft);
                right.Broadcast(encoding, part, rows[t], queryRight);
                NearestNeighbors.TopK(left, queryLeft, distances, nearLeft);
                NearestNeighbors.TopK(right, queryRight, distances, nearRight);
                linked[t] = nearLeft.Any(nearRight.Contains);
            }
        });
        return linked.Count(l => l);
    }
}
