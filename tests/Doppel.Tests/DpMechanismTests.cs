using Doppel.Privacy.Dp;

namespace Doppel.Tests;

/// <summary>The noise each mechanism adds is the noise the accountant charges for.</summary>
public class DpMechanismTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(5.0)]
    [InlineData(2000.0)]
    public void DiscreteGaussian_HasTheChargedVariance(double sigma2)
    {
        // rho = 1/(2 sigma^2) is charged for sigma2: the draws must have mean 0 and the discrete Gaussian's variance,
        // computed exactly here (slightly below sigma2 for small sigma, equal to it from sigma2 = 5 on).
        var noise = NoiseSource.InsecureSeededForTests(1);
        const int n = 200_000;
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            long x = DiscreteGaussian.Sample(sigma2, noise);
            sum += x;
            squares += (double)x * x;
        }
        double mean = sum / n, variance = squares / n - mean * mean;
        double expected = ExactVariance(sigma2);
        Assert.InRange(mean, -5 * Math.Sqrt(expected / n), 5 * Math.Sqrt(expected / n));
        // The sample variance's standard error is about sigma^2 sqrt(2/n).
        Assert.InRange(variance, expected * (1 - 5 * Math.Sqrt(2.0 / n)), expected * (1 + 5 * Math.Sqrt(2.0 / n)));
        if (sigma2 >= 5) Assert.Equal(sigma2, expected, sigma2 * 1e-6);
    }

    [Fact]
    public void DiscreteGaussian_MatchesItsProbabilityMassFunction()
    {
        const double sigma2 = 2;
        var noise = NoiseSource.InsecureSeededForTests(2);
        const int n = 100_000;
        var counts = new Dictionary<long, int>();
        for (int i = 0; i < n; i++)
        {
            long x = DiscreteGaussian.Sample(sigma2, noise);
            counts[x] = counts.GetValueOrDefault(x) + 1;
        }
        double norm = Enumerable.Range(-60, 121).Sum(x => Math.Exp(-x * x / (2 * sigma2)));
        double chi2 = 0;
        int cells = 0;
        for (int x = -6; x <= 6; x++)
        {
            double expected = n * Math.Exp(-x * x / (2 * sigma2)) / norm;
            chi2 += Math.Pow(counts.GetValueOrDefault(x) - expected, 2) / expected;
            cells++;
        }
        // 13 cells: chi-square with 12 degrees of freedom stays below 32.9 with probability 0.999.
        Assert.True(chi2 < 32.9, $"chi2 = {chi2:0.0}");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 2)]
    [InlineData(0, 1)]
    public void BernoulliExp_SucceedsWithProbabilityExpMinusGamma(int numerator, int denominator)
    {
        var noise = NoiseSource.InsecureSeededForTests(3);
        const int n = 100_000;
        int hits = 0;
        for (int i = 0; i < n; i++) if (DiscreteGaussian.BernoulliExp(numerator, denominator, noise)) hits++;
        double p = Math.Exp(-(double)numerator / denominator);
        double se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange((double)hits / n, p - 5 * se - 1e-12, p + 5 * se + 1e-12);
    }

    [Fact]
    public void ExponentialMechanism_PicksInProportionToExpEpsilonScoreOverTwo()
    {
        double[] scores = [0, 1, 2, 4];
        const double epsilon = 1;
        var noise = NoiseSource.InsecureSeededForTests(4);
        const int n = 100_000;
        var counts = new int[scores.Length];
        for (int i = 0; i < n; i++) counts[ExponentialMechanism.Select(scores, epsilon, 1, noise)]++;
        double norm = scores.Sum(s => Math.Exp(epsilon * s / 2));
        for (int k = 0; k < scores.Length; k++)
        {
            double p = Math.Exp(epsilon * scores[k] / 2) / norm;
            double se = Math.Sqrt(p * (1 - p) / n);
            Assert.InRange((double)counts[k] / n, p - 5 * se, p + 5 * se);
        }
        Assert.Equal(0.125, ExponentialMechanism.EpsilonFor(0.125 * 0.125 / 8), 12);
    }

    [Fact]
    public void SecureSource_IsNotRepeatable_SeededSourceIs()
    {
        var a = NoiseSource.Secure();
        var b = NoiseSource.Secure();
        Assert.True(a.IsSecure);
        Assert.NotEqual(Enumerable.Range(0, 4).Select(_ => a.NextUInt64()).ToArray(), Enumerable.Range(0, 4).Select(_ => b.NextUInt64()).ToArray());
        var c = NoiseSource.InsecureSeededForTests(9);
        var d = NoiseSource.InsecureSeededForTests(9);
        Assert.False(c.IsSecure);
        Assert.Equal(Enumerable.Range(0, 4).Select(_ => c.NextUInt64()).ToArray(), Enumerable.Range(0, 4).Select(_ => d.NextUInt64()).ToArray());
    }

    [Fact]
    public void NextBelow_IsUniformWithoutModuloBias()
    {
        var noise = NoiseSource.InsecureSeededForTests(5);
        var counts = new int[3];
        const int n = 60_000;
        for (int i = 0; i < n; i++) counts[(int)noise.NextBelow(3)]++;
        foreach (int c in counts) Assert.InRange(c, n / 3 - 5 * Math.Sqrt(n * 2.0 / 9), n / 3 + 5 * Math.Sqrt(n * 2.0 / 9));
    }

    [Fact]
    public void Accountant_RefusesToOverspend()
    {
        var accountant = new PrivacyAccountant(0.01);
        accountant.Charge("a", 0.006);
        var e = Assert.Throws<DoppelException>(() => accountant.Charge("b", 0.005));
        Assert.Equal(ErrorKind.PrivacyBudget, e.Kind);
        Assert.Contains("b needs", e.Message);
        accountant.Charge("c", 0.004);
        Assert.Equal(0.01, accountant.Used, 12);
    }

    /// <summary>The variance of N_Z(0, σ²), summed exactly (it is below σ² for small σ).</summary>
    private static double ExactVariance(double sigma2)
    {
        double effective = DiscreteGaussian.EffectiveVariance(sigma2);
        int range = (int)(40 * Math.Sqrt(effective)) + 10;
        double norm = 0, second = 0;
        for (int x = -range; x <= range; x++)
        {
            double w = Math.Exp(-(double)x * x / (2 * effective));
            norm += w;
            second += w * x * x;
        }
        return second / norm;
    }
}
