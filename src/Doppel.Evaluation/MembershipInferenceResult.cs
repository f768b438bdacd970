namespace Doppel.Evaluation;

/// <summary>
/// A distance-based membership-inference attack (docs/privacy-metrics.md): the attacker scores each real row by its
/// distance to the closest synthetic row and calls the closer rows members. Members are training rows, non-members
/// holdout rows, as many of each.
/// </summary>
/// <param name="Auc">ROC AUC of the attack: the chance that a random member is closer to the synthetic data than a random non-member, ties ½ (0.5: no signal).</param>
/// <param name="AucLow">Lower end of the AUC's 95% interval (Hanley and McNeil 1982, normal approximation).</param>
/// <param name="AucHigh">Upper end of the AUC's 95% interval.</param>
/// <param name="Advantage">The attack's advantage: the maximum over distance thresholds of TPR − FPR (0 when no threshold helps).</param>
/// <param name="NullAdvantage95">
/// The advantage that chance alone exceeds with probability 5% when members and non-members are equally close
/// (the one-sided two-sample Kolmogorov–Smirnov critical value √(ln 20 · (m + n) / (2mn)), conservative with ties).
/// </param>
/// <param name="TprAtFpr10">The largest TPR of a threshold whose FPR is at most 0.1 (the low-false-positive regime).</param>
/// <param name="Members">Training rows attacked.</param>
/// <param name="NonMembers">Holdout rows attacked.</param>
/// <param name="SyntheticRows">Synthetic rows searched for the closest one.</param>
/// <param name="Bound">
/// For a model that is (ε, δ)-differentially private, the largest advantage any attack can have:
/// (e^ε − 1 + 2δ) / (e^ε + 1); NaN when no budget is known ("no formal bound").
/// </param>
/// <param name="Epsilon">ε of the model's budget, or NaN when unknown.</param>
/// <param name="Delta">δ of the model's budget, or NaN when unknown.</param>
public sealed record MembershipInferenceResult(
    double Auc,
    double AucLow,
    double AucHigh,
    double Advantage,
    double NullAdvantage95,
    double TprAtFpr10,
    int Members,
    int NonMembers,
    int SyntheticRows,
    double Bound,
    double Epsilon,
    double Delta)
{
    /// <summary>True when the model's (ε, δ) was known, so <see cref="Bound"/> is a formal bound.</summary>
    public bool HasBound => !double.IsNaN(Bound);

    /// <summary>
    /// The largest membership advantage of any attack on an (ε, δ)-DP mechanism: (e^ε − 1 + 2δ) / (e^ε + 1), at most 1.
    /// From the hypothesis-testing view of DP (Kairouz, Oh and Viswanath 2015): TPR ≤ e^ε·FPR + δ and
    /// 1 − FPR ≤ e^ε·(1 − TPR) + δ; maximising TPR − FPR under both gives this value (Humphries et al. 2023,
    /// "Investigating Membership Inference Attacks under Data Dependencies", IEEE CSF; with δ = 0 it tightens Yeom
    /// et al. 2018's e^ε − 1).
    /// </summary>
    public static double AdvantageBound(double epsilon, double delta)
    {
        if (!(epsilon >= 0) || double.IsPositiveInfinity(epsilon) || !(delta >= 0 && delta <= 1))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"A privacy budget needs ε ≥ 0 finite and δ in [0, 1], not ({epsilon}, {delta}).");
        // e^ε overflows past ε ≈ 709; the bound is then 1 to double precision.
        if (epsilon > 700) return 1;
        double e = Math.Exp(epsilon);
        return Math.Min(1, (e - 1 + 2 * delta) / (e + 1));
    }
}
