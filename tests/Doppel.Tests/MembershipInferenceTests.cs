using Doppel.Evaluation;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class MembershipInferenceTests
{
    [Fact]
    public void Statistics_SmallLists_MatchHandComputation()
    {
        // Members 0, 1, 2; non-members 1, 3, 4, 5 (smaller distance = "member").
        // AUC: member 0 beats 4; member 1 ties one (½) and beats 3; member 2 beats 3: 10.5 / 12.
        // Thresholds d ≤ 0: TPR 1/3, FPR 0; d ≤ 1: 2/3, 1/4; d ≤ 2: 1, 1/4 (the best, 0.75); d ≤ 3: 1, 1/2.
        var stats = MembershipInference.Statistics([2, 0, 1], [5, 1, 4, 3]);
        Assert.Equal(10.5 / 12, stats.Auc, 12);
        Assert.Equal(0.75, stats.Advantage, 12);
        Assert.Equal(1 / 3.0, stats.TprAtFpr10, 12); // only d ≤ 0 keeps FPR at most 0.1
        Assert.True(stats.AucLow < stats.Auc && stats.Auc < stats.AucHigh);
    }

    [Fact]
    public void Statistics_AllTied_HasNoSignal()
    {
        var stats = MembershipInference.Statistics([1, 1, 1], [1, 1]);
        Assert.Equal(0.5, stats.Auc, 12);
        Assert.Equal(0, stats.Advantage, 12); // a threshold cannot split equal distances
    }

    [Fact]
    public void AdvantageBound_KnownBudgets_MatchHandComputation()
    {
        // ε = 1, δ = 0: (e − 1)/(e + 1) = tanh(½).
        Assert.Equal(Math.Tanh(0.5), MembershipInferenceResult.AdvantageBound(1, 0), 12);
        Assert.Equal(0.46211715726000974, MembershipInferenceResult.AdvantageBound(1, 0), 12);
        // ε = ln 3, δ = 0.01: (3 − 1 + 0.02)/(3 + 1) = 0.505.
        Assert.Equal(0.505, MembershipInferenceResult.AdvantageBound(Math.Log(3), 0.01), 12);
        Assert.Equal(0, MembershipInferenceResult.AdvantageBound(0, 0), 12);
        Assert.Equal(1, MembershipInferenceResult.AdvantageBound(1_000, 0), 12);
        // It is the corner of the DP region: TPR ≤ e^ε·FPR + δ and 1 − FPR ≤ e^ε·(1 − TPR) + δ meet at
        // FPR = (1 − δ)/(e^ε + 1), TPR = (e^ε + δ)/(e^ε + 1).
        double a = Math.Exp(2), delta = 1e-3, fpr = (1 - delta) / (a + 1), tpr = (a + delta) / (a + 1);
        Assert.Equal(a * fpr + delta, tpr, 12);
        Assert.Equal(a * (1 - tpr) + delta, 1 - fpr, 12);
        Assert.Equal(tpr - fpr, MembershipInferenceResult.AdvantageBound(2, delta), 12);
    }

    [Fact]
    public void NullAdvantage95_IsTheOneSidedKolmogorovSmirnovCriticalValue()
    {
        // √(ln 20 · 2000 / (2 · 1000²)) = √(ln 20 / 1000).
        Assert.Equal(Math.Sqrt(Math.Log(20) / 1000), MembershipInference.NullAdvantage95(1000, 1000), 12);
    }

    [Fact]
    public void Compute_CopyOfTraining_AttackIsPerfect()
    {
        var (train, meta) = RealisticData.Make(800, seed: 21);
        var (holdout, _) = RealisticData.Make(800, seed: 22);
        var result = PrivacyRisk.Compute(train, holdout, train, meta).MembershipInference;
        // Every member is at distance 0 from its copy; no holdout row equals a training row (IMS baseline 0).
        Assert.Equal(800, result.Members);
        Assert.Equal(800, result.NonMembers);
        Assert.Equal(1, result.Auc, 12);
        Assert.Equal(1, result.Advantage, 12);
        Assert.Equal(1, result.TprAtFpr10, 12);
        Assert.True(result.Advantage > result.NullAdvantage95);
        Assert.False(result.HasBound);
        Assert.True(double.IsNaN(result.Bound));
    }

    [Fact]
    public void Compute_IndependentMarginalsSynthetic_AdvantageIsWithinChance()
    {
        const int n = 1_500;
        var (train, meta) = RealisticData.Make(n, seed: 61);
        var (holdout, _) = RealisticData.Make(n, seed: 62);
        var synthetic = new IndependentSynthesizer().Fit(train, meta).Sample(n, new SampleOptions { Seed = 63 });
        var result = PrivacyRisk.Compute(train, holdout, synthetic, meta).MembershipInference;
        Assert.Equal(n, result.Members);
        // Members and non-members are (nearly) exchangeable: the advantage is a one-sided two-sample KS statistic,
        // P(D⁺ > x) ≈ exp(−x²·n) for equal sizes, so at α = 0.001 x = √(ln 1000 / n) ≈ 0.068. The AUC's null
        // standard deviation is √((2n + 1) / (12n²)) ≈ 0.0105; 3.29 of them is the two-sided 0.001 level.
        Assert.InRange(result.Advantage, 0, Math.Sqrt(Math.Log(1000) / n));
        double sd = Math.Sqrt((2.0 * n + 1) / (12.0 * n * n));
        Assert.InRange(result.Auc, 0.5 - 3.29 * sd, 0.5 + 3.29 * sd);
        Assert.InRange(result.TprAtFpr10, 0, 0.1 + 3.29 * Math.Sqrt(0.1 * 0.9 / n) + 3.29 * Math.Sqrt(0.1 * 0.9 / n));
    }

    [Fact]
    public void Compute_WithDpBudget_ReportsTheBound()
    {
        var (train, meta) = RealisticData.Make(300, seed: 71);
        var (holdout, _) = RealisticData.Make(300, seed: 72);
        var (synthetic, _) = RealisticData.Make(300, seed: 73);
        var result = PrivacyRisk.Compute(train, holdout, synthetic, meta, new PrivacyRiskOptions { DpBudget = (1.0, 1e-6), MembershipRows = 200 })
            .MembershipInference;
        Assert.True(result.HasBound);
        Assert.Equal((Math.E - 1 + 2e-6) / (Math.E + 1), result.Bound, 12);
        Assert.Equal(1.0, result.Epsilon);
        Assert.Equal(1e-6, result.Delta);
        Assert.Equal(200, result.Members);
    }

    [Fact]
    public void Compute_DifferentiallyPrivateModel_AdvantageStaysUnderItsBound()
    {
        const int n = 1_500;
        var (train, meta) = RealisticData.Make(n, seed: 91);
        var (holdout, _) = RealisticData.Make(n, seed: 92);
        var privacy = new Doppel.Synthesizers.Mst.DifferentialPrivacyOptions { Epsilon = 1.0, Delta = 1e-6, Noise = Doppel.Privacy.Dp.NoiseSource.InsecureSeededForTests(93) };
        var model = new Doppel.Synthesizers.Mst.MstSynthesizer(privacy).Fit(train, meta);
        var budget = model.Privacy!;
        var synthetic = model.Sample(n, new SampleOptions { Seed = 94 });
        var result = PrivacyRisk.Compute(train, holdout, synthetic, meta, new PrivacyRiskOptions { DpBudget = (budget.Epsilon, budget.Delta) })
            .MembershipInference;
        Assert.Equal(MembershipInferenceResult.AdvantageBound(1.0, 1e-6), result.Bound, 12); // ≈ tanh(½) ≈ 0.462
        // The bound holds for the attack's true advantage; the measured one adds the error of two empirical CDFs,
        // each within √(ln(2/α) / (2n)) of the truth with probability 1 − α (Dvoretzky–Kiefer–Wolfowitz, Massart), α = 0.001.
        double tolerance = 2 * Math.Sqrt(Math.Log(2 / 0.001) / (2.0 * n));
        Assert.InRange(result.Advantage, 0, result.Bound + tolerance);
    }

    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(double.PositiveInfinity, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(double.NaN, 0.0)]
    public void Compute_InvalidDpBudget_ThrowsUsage(double epsilon, double delta)
    {
        var (train, meta) = RealisticData.Make(50, seed: 81);
        var e = Assert.Throws<DoppelException>(() =>
            PrivacyRisk.Compute(train, train, train, meta, new PrivacyRiskOptions { DpBudget = (epsilon, delta) }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("budget", e.Message);
    }
}
