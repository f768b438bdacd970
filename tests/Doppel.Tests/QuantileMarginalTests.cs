using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Tests;

public class QuantileMarginalTests
{
    [Fact]
    public void Fit_NoKnotIsAValueOnlyOneRowHolds()
    {
        var random = new RandomStream(5, 0);
        var values = Enumerable.Range(0, 700).Select(_ => 50_000 + 10_000 * random.NextNormal()).Append(9_876_543.21).Order().ToArray();
        var knots = QuantileMarginal.Fit(values).Knots;
        Assert.Empty(knots.Intersect(values));
        // The extremes are the means of the five smallest and largest values: the outlier is blurred, not kept.
        Assert.Equal(values[^5..].Average(), knots[^1], 6);
        Assert.Equal(values[..5].Average(), knots[0], 6);
        Assert.True(knots.Zip(knots.Skip(1)).All(p => p.First <= p.Second), "knots must not decrease");
    }

    [Fact]
    public void Fit_PointMassesStayExact()
    {
        double[] values = [.. Enumerable.Repeat(0.0, 900), .. Enumerable.Range(1, 100).Select(i => (double)i)];
        var knots = QuantileMarginal.Fit(values).Knots;
        Assert.True(knots.Count(k => k == 0) >= 890, "the zeros must survive as a run of exact knots");
        Assert.Equal(values[^5..].Average(), knots[^1]);
    }

    [Fact]
    public void Fit_FewerValuesThanTheWindow_AllBecomeTheirMean()
    {
        var knots = QuantileMarginal.Fit([1.0, 2.0, 6.0]).Knots;
        Assert.All(knots, k => Assert.Equal(3.0, k));
    }
}
