using Doppel.Privacy.Dp;

namespace Doppel.Tests;

public class ZcdpTests
{
    [Theory]
    [InlineData(1.0, 1e-9)]
    [InlineData(0.3, 1e-9)]
    [InlineData(5.0, 1e-6)]
    public void Rho_ConvertsBackToTheRequestedEpsilonAndDelta(double epsilon, double delta)
    {
        double rho = Zcdp.Rho(epsilon, delta);
        Assert.InRange(Zcdp.Delta(rho, epsilon), 0, delta * (1 + 1e-6));
        Assert.Equal(epsilon, Zcdp.Epsilon(rho, delta), 6);
    }

    [Theory]
    [InlineData(1.0, 1e-9)]
    [InlineData(0.3, 1e-9)]
    public void Rho_IsAtLeastTheClassicBunSteinkeConversion(double epsilon, double delta)
    {
        // Classic: rho-zCDP gives (rho + 2 sqrt(rho ln(1/delta)), delta)-DP; solve for rho: sqrt(rho) = -L + sqrt(L^2 + eps), L = sqrt(ln(1/delta)).
        double l = Math.Sqrt(Math.Log(1 / delta));
        double classic = Math.Pow(-l + Math.Sqrt(l * l + epsilon), 2);
        double rho = Zcdp.Rho(epsilon, delta);
        Assert.True(rho >= classic, $"{rho} < classic {classic}");
        Assert.True(rho < 1.5 * classic, $"{rho} is implausibly far above the classic {classic}");
    }

    [Fact]
    public void Delta_MatchesABruteForceMinimumOverAlpha()
    {
        const double rho = 0.015, epsilon = 1;
        double best = double.PositiveInfinity;
        for (double alpha = 1.001; alpha < 2000; alpha *= 1.0005)
            best = Math.Min(best, Math.Exp((alpha - 1) * (alpha * rho - epsilon)) / (alpha - 1) * Math.Pow(1 - 1 / alpha, alpha));
        Assert.Equal(best, Zcdp.Delta(rho, epsilon), best * 1e-3);
    }

    [Fact]
    public void Rho_RefusesNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Zcdp.Rho(0, 1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zcdp.Rho(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zcdp.Rho(double.NaN, 1e-9));
    }
}
