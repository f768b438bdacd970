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
        // The four most extreme values on each side count but are never used: the outlier leaves no trace, and
        // the bounds are extrapolated from the blocks inside them (a little beyond the fifth most extreme value).
        Assert.InRange(knots[^1], values[^5], values[^5] + (values[^5] - values[^15]));
        Assert.InRange(knots[0], values[4] - (values[14] - values[4]), values[4]);
        var outlierElsewhere = values[..^1].Append(123_456_789.0).ToArray();
        Assert.Equal(knots, QuantileMarginal.Fit(outlierElsewhere).Knots);
        Assert.True(knots.Zip(knots.Skip(1)).All(p => p.First <= p.Second), "knots must not decrease");
    }

    [Fact]
    public void Fit_PointMassesStayExact()
    {
        double[] values = [.. Enumerable.Repeat(0.0, 900), .. Enumerable.Range(1, 100).Select(i => (double)i)];
        var knots = QuantileMarginal.Fit(values).Knots;
        Assert.True(knots.Count(k => k == 0) >= 0.89 * knots.Length, "the zeros must survive as a run of exact knots");
        Assert.InRange(knots[^1], 96, 110); // extrapolated from the blocks up to 96, the fifth largest value
    }

    [Fact]
    public void Fit_KnotsAreMeansOfDisjointBlocks_NeighboursDoNotSolveBack()
    {
        // 20 values: the 4 smallest and 4 largest are trimmed, the 12 others form two blocks of 6.
        double[] values = [.. Enumerable.Range(1, 20).Select(i => (double)(i * i))];
        var (p, q) = ProtectedTails.QuantileFunction(values);
        Assert.Equal([0, 7 / 20.0, 13 / 20.0, 1], p); // the blocks at their mid ranks (i + ½) / n
        Assert.Equal(values[4..10].Average(), q[1], 6);
        Assert.Equal(values[10..16].Average(), q[2], 6);
        // Subtracting neighbours gives sums of whole blocks, never a single value: 6·(q2 − q1) is no row's value.
        Assert.DoesNotContain(values, v => Math.Abs(6 * (q[2] - q[1]) - v) < 1e-6);
        Assert.True(q[0] < values[4] && q[3] > values[15]);
        // The marginal's knots lie on that quantile function, from its lower to its upper end.
        var knots = QuantileMarginal.Fit(values).Knots;
        Assert.Equal(q[0], knots[0], 9);
        Assert.Equal(q[3], knots[^1], 9);
    }

    [Fact]
    public void ProtectedTails_FewerThanTwentyValues_ModelsNothing()
    {
        Assert.Null(ProtectedTails.Of([.. Enumerable.Range(0, 19).Select(i => (double)i)]));
        Assert.NotNull(ProtectedTails.Of([.. Enumerable.Range(0, 20).Select(i => (double)i)]));
    }

    [Fact]
    public void ProtectedTails_PositiveData_StaysPositive()
    {
        double[] values = [.. Enumerable.Range(0, 40).Select(i => i < 20 ? 1.0 + i * 0.01 : 1_000.0 * i)];
        var (_, q) = ProtectedTails.QuantileFunction(values);
        Assert.True(q[0] >= 0, $"lower bound {q[0]}");
    }
}
