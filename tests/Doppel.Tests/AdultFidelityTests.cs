using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

/// <summary>Issue #2's fidelity floor on real data, kept as a regression test (the bench records the number).</summary>
public class AdultFidelityTests
{
    [SkippableFact]
    public void GaussianCopula_OnAdult_MeetsTheAccuracyFloor()
    {
        var (train, meta) = TableFiles.Load(SharedDatasets.File("adult/adult.csv"));
        var copula = Accuracy.Compute(train, new GaussianCopulaSynthesizer().Fit(train, meta).Sample(train.RowCount, new SampleOptions { Seed = 1 }), meta);
        var independent = Accuracy.Compute(train, new IndependentSynthesizer().Fit(train, meta).Sample(train.RowCount, new SampleOptions { Seed = 1 }), meta);
        Assert.True(copula.Overall >= 0.93, $"accuracy {copula.Overall:0.0000} below the 0.93 floor");
        Assert.True(copula.Bivariate > independent.Bivariate + 0.01, $"copula {copula.Bivariate:0.0000} vs independent {independent.Bivariate:0.0000}");
    }
}
