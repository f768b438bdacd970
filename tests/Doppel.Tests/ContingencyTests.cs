using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Sampling;

namespace Doppel.Tests;

public class ContingencyTests
{
    [Fact]
    public void Compare_DenseAndSparsePaths_Agree()
    {
        // 300 × 300 levels (90,000 cells), some nulls: the array path and the sorted-key path on the same codes.
        var random = new RandomStream(6, 0);
        StringColumn Make(string name, Func<int, int> level) =>
            new(name, [.. Enumerable.Range(0, 3_000).Select(i => i % 37 == 0 ? null : "L" + level(i).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var realA = Make("a", _ => random.NextInt(300));
        var realB = Make("b", i => (i * 7 + random.NextInt(20)) % 300);
        var synA = Make("a", _ => random.NextInt(300));
        var synB = Make("b", i => (i * 7 + random.NextInt(40)) % 300);
        var a = DiscreteCodes.FromCategories(realA, synA);
        var b = DiscreteCodes.FromCategories(realB, synB);

        var dense = Contingency.Compare(a, b, null, null, denseCells: int.MaxValue);
        var sparse = Contingency.Compare(a, b, null, null, denseCells: 0);

        Assert.Equal(dense.Similarity, sparse.Similarity, 12);
        Assert.Equal(dense.CramersV, sparse.CramersV, 12);
        Assert.Equal(TestData.CramersV(realA.Values, realB.Values), dense.CramersV, 12);
        Assert.InRange(dense.Similarity, 0, 1);
    }

    [Fact]
    public void Compare_OneLevelOnASide_HasNoCramersV()
    {
        // Cramér's V divides by min(r, c) − 1: undefined (NaN) when a column has one level, as in scipy.
        var a = DiscreteCodes.FromCategories(new StringColumn("a", ["x", "x", "x"]), new StringColumn("a", ["x", "x", "x"]));
        var b = DiscreteCodes.FromCategories(new StringColumn("b", ["p", "q", "q"]), new StringColumn("b", ["p", "p", "q"]));
        var (similarity, v) = Contingency.Compare(a, b, null, null);
        Assert.True(double.IsNaN(v));
        Assert.Equal(1 - 0.5 * (1.0 / 3 + 1.0 / 3), similarity, 12);
    }
}
