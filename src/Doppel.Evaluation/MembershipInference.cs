using System.Numerics;

namespace Doppel.Evaluation;

/// <summary>
/// The distance-based membership-inference attack: members (training rows) and as many non-members (holdout rows)
/// are scored by their distance to the closest synthetic row; a smaller distance says "member". Reports the attack's
/// AUC and advantage (see <see cref="MembershipInferenceResult"/>).
/// </summary>
internal static class MembershipInference
{
    /// <summary>
    /// Attacks at most <see cref="PrivacyRiskOptions.MembershipRows"/> rows of each of the equally long cuts
    /// <paramref name="trainCut"/> and <paramref name="holdoutCut"/>, searching the synthetic query rows.
    /// </summary>
    public static MembershipInferenceResult Run(PrivacyEncoding encoding, int[] order, int[] trainCut, int[] holdoutCut, PrivacyRiskOptions options)
    {
        int n = Math.Min(trainCut.Length, holdoutCut.Length);
        int m = Math.Min(n, options.MembershipRows);
        var members = Pick(trainCut, RowSampling.Choose(trainCut.Length, m, options.Seed, RowSampling.MembershipMembers));
        var nonMembers = Pick(holdoutCut, RowSampling.Choose(holdoutCut.Length, m, options.Seed, RowSampling.MembershipNonMembers));
        // The same synthetic rows the DCR queries use: all of them up to MaxQueryRows.
        var synthetic = RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Synthetic], options.MaxQueryRows, options.Seed, RowSampling.SyntheticQueries);
        var candidates = CandidateBlocks.Build(encoding, PrivacyPart.Synthetic, synthetic, order);

        var memberDistance = Closest(encoding, candidates, PrivacyPart.Train, members, options);
        var nonMemberDistance = Closest(encoding, candidates, PrivacyPart.Holdout, nonMembers, options);
        var stats = Statistics(memberDistance, nonMemberDistance);
        double epsilon = double.NaN, delta = double.NaN, bound = double.NaN;
        if (options.DpBudget is { } budget)
        {
            (epsilon, delta) = budget;
            bound = MembershipInferenceResult.AdvantageBound(epsilon, delta);
        }
        return new MembershipInferenceResult(stats.Auc, stats.AucLow, stats.AucHigh, stats.Advantage, NullAdvantage95(m, m), stats.TprAtFpr10,
            m, m, synthetic.Length, bound, epsilon, delta);
    }

    /// <summary>The attack's statistics from the two lists of distances (smaller = "member").</summary>
    internal readonly record struct Stats(double Auc, double AucLow, double AucHigh, double Advantage, double TprAtFpr10);

    /// <summary>
    /// AUC (Mann–Whitney, ties ½), its Hanley–McNeil 95% interval, the maximum of TPR − FPR over thresholds
    /// "distance ≤ t", and the best TPR at FPR ≤ 0.1. Equal distances always fall on the same side of a threshold.
    /// </summary>
    internal static Stats Statistics(float[] members, float[] nonMembers)
    {
        int mCount = members.Length, nCount = nonMembers.Length;
        var all = new (float Distance, bool Member)[mCount + nCount];
        for (int i = 0; i < mCount; i++) all[i] = (members[i], true);
        for (int i = 0; i < nCount; i++) all[mCount + i] = (nonMembers[i], false);
        Array.Sort(all, (a, b) => a.Distance.CompareTo(b.Distance));

        double wins = 0, advantage = 0, tprAtFpr = 0;
        long memberSeen = 0, nonSeen = 0;
        for (int start = 0; start < all.Length;)
        {
            int end = start;
            long groupMembers = 0, groupNon = 0;
            while (end < all.Length && all[end].Distance == all[start].Distance)
            {
                if (all[end].Member) groupMembers++; else groupNon++;
                end++;
            }
            // Members of this group beat the non-members further away and tie with those in the group.
            wins += groupMembers * (double)(nCount - nonSeen - groupNon) + 0.5 * groupMembers * groupNon;
            memberSeen += groupMembers;
            nonSeen += groupNon;
            double tpr = (double)memberSeen / mCount, fpr = (double)nonSeen / nCount;
            advantage = Math.Max(advantage, tpr - fpr);
            if (fpr <= 0.1) tprAtFpr = Math.Max(tprAtFpr, tpr);
            start = end;
        }
        double auc = wins / ((double)mCount * nCount);
        double q1 = auc / (2 - auc), q2 = 2 * auc * auc / (1 + auc);
        double variance = (auc * (1 - auc) + (mCount - 1) * (q1 - auc * auc) + (nCount - 1) * (q2 - auc * auc)) / ((double)mCount * nCount);
        double half = WilsonScore.Z95 * Math.Sqrt(Math.Max(0, variance));
        return new Stats(auc, Math.Max(0, auc - half), Math.Min(1, auc + half), advantage, tprAtFpr);
    }

    /// <summary>
    /// The one-sided two-sample Kolmogorov–Smirnov critical value at 5%: P(D⁺ &gt; x) ≈ exp(−2x²·mn/(m + n)) under
    /// equal distributions (Smirnov's asymptotic), so x = √(ln 20 · (m + n) / (2mn)).
    /// </summary>
    internal static double NullAdvantage95(int m, int n) => Math.Sqrt(Math.Log(20) * (m + n) / (2.0 * m * n));

    private static int[] Pick(int[] rows, int[] positions)
    {
        var picked = new int[positions.Length];
        for (int i = 0; i < picked.Length; i++) picked[i] = rows[positions[i]];
        return picked;
    }

    /// <summary>The distance sum from each row of <paramref name="part"/> to its closest candidate.</summary>
    private static float[] Closest(PrivacyEncoding encoding, CandidateBlocks candidates, PrivacyPart part, int[] rows, PrivacyRiskOptions options)
    {
        var result = new float[rows.Length];
        int width = encoding.Width;
        RowLoop.Run(rows.Length, candidates.Count, options, (first, end) =>
        {
            var query = new Vector<float>[width];
            for (int q = first; q < end; q++)
            {
                candidates.Broadcast(encoding, part, rows[q], query);
                float best = float.PositiveInfinity;
                NearestNeighbors.Nearest(candidates, query, ref best);
                result[q] = best;
            }
        });
        return result;
    }
}
