using Doppel.Sampling;

namespace Doppel.Tests;

public class NormalTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.959963984540054, 0.025)]
    [InlineData(-5.0, 2.866515718791939e-07)]
    [InlineData(3.0, 0.9986501019683699)]
    public void Cdf_MatchesReferenceValues(double z, double p) =>
        Assert.Equal(p, Normal.Cdf(z), 12);

    [Theory]
    [InlineData(1e-10)]
    [InlineData(0.001)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.975)]
    [InlineData(0.999999)]
    public void Quantile_InvertsCdf(double p)
    {
        double z = Normal.Quantile(p);
        Assert.Equal(p, Normal.Cdf(z), Math.Min(15, Math.Max(6, (int)-Math.Log10(p) + 6)));
    }

    [Fact]
    public void Quantile_OfBoundsIsInfinite()
    {
        Assert.Equal(double.NegativeInfinity, Normal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, Normal.Quantile(1));
    }
}
