using Doppel.Streaming;

namespace Doppel.Tests.Streaming;

public class QuantileSketchTests
{
    /// <summary>A permutation of 0..n−1 (multiplication by a unit modulo n): the exact rank of x is x / n.</summary>
    private static IEnumerable<double> Permutation(long n, long step = 7_919)
    {
        for (long i = 0; i < n; i++) yield return i * step % n;
    }

    private static double MaxRankError(QuantileSketch sketch, long n)
    {
        double worst = 0;
        for (int probe = 0; probe <= 2_000; probe++)
        {
            long x = probe * (n - 1) / 2_000;
            worst = Math.Max(worst, Math.Abs(sketch.Rank(x) - (double)x / n));
            double q = sketch.Quantile(probe / 2_000.0);
            worst = Math.Max(worst, Math.Abs((q + 1) / n - probe / 2_000.0)); // rank of the returned value vs asked
        }
        return worst;
    }

    [Fact]
    public void TenMillionValues_StayWithinTheStatedRankError()
    {
        const long n = 10_000_000;
        var sketch = new QuantileSketch();
        foreach (double v in Permutation(n)) sketch.Add(v);
        Assert.Equal(n, sketch.Count);
        Assert.True(sketch.Retained <= 3 * sketch.K + 64, $"{sketch.Retained} items kept");
        double error = MaxRankError(sketch, n);
        Assert.True(error <= sketch.RankError, $"max rank error {error:0.000000} above the stated {sketch.RankError:0.000000}");
    }

    [Fact]
    public void MergedShards_StayWithinTheStatedRankError()
    {
        const long n = 3_000_000;
        var shards = Enumerable.Range(0, 5).Select(s => new QuantileSketch(seed: (ulong)s)).ToArray();
        long i = 0;
        foreach (double v in Permutation(n)) shards[i++ * 5 / n].Add(v); // five contiguous shards
        var merged = shards[0];
        foreach (var shard in shards.Skip(1)) merged.Merge(shard);
        Assert.Equal(n, merged.Count);
        double error = MaxRankError(merged, n);
        Assert.True(error <= merged.RankError, $"max rank error {error:0.000000} above the stated {merged.RankError:0.000000}");
    }

    [Fact]
    public void SmallStreams_AreExact()
    {
        var sketch = new QuantileSketch();
        foreach (double v in new double[] { 3, 1, 2, 2, 5 }) sketch.Add(v);
        Assert.Equal(0.2, sketch.Rank(2), 12);
        Assert.Equal(0.6, sketch.RankInclusive(2), 12);
        Assert.Equal(5, sketch.Quantile(1));
        Assert.Equal(1, sketch.Quantile(0));
    }

    [Fact]
    public void Restored_AnswersAsTheOriginal()
    {
        var sketch = new QuantileSketch(64, seed: 3);
        foreach (double v in Permutation(100_000)) sketch.Add(v);
        var copy = QuantileSketch.FromLevels(sketch.K, sketch.Count, sketch.Levels);
        Assert.Equal(sketch.Quantile(0.37), copy.Quantile(0.37));
        Assert.Equal(sketch.Rank(12_345), copy.Rank(12_345));
    }
}
