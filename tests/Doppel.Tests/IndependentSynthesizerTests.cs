using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class IndependentSynthesizerTests
{
    [Fact]
    public void Sample_KeepsMarginalsButDropsCorrelation()
    {
        const int n = 20_000;
        var (real, meta) = RealisticData.Make(n);
        var synthetic = new IndependentSynthesizer().Fit(real, meta).Sample(n, new SampleOptions { Seed = 3 });
        double[] x = TestData.Numbers(synthetic, "x"), y = TestData.Numbers(synthetic, "y");
        Assert.True(TestData.KolmogorovSmirnov(TestData.Numbers(real, "x"), x) < TestData.KsCritical(n, n));
        Assert.InRange(TestData.Pearson(x, y), -4 / Math.Sqrt(n), 4 / Math.Sqrt(n)); // r of independent samples: SE 1/√n
    }

    [Fact]
    public void Catalog_UnknownName_IsUsageError()
    {
        var e = Assert.Throws<DoppelException>(() => SynthesizerCatalog.Create("ctgan"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("gaussian-copula", e.Message);
    }
}
