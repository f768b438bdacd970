using System.Diagnostics;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

/// <summary>The copula on a wide table (more latent dimensions than <see cref="LatentFactors.WideDimensions"/>).</summary>
public class LatentFactorsTests
{
    private const int Columns = 2_000, Rows = 200, Half = Columns / 2;
    private const double LoadingA = 0.8, LoadingB = 0.7;

    /// <summary>
    /// Two planted factors: the first half of the numeric columns loads 0.8 on one, the second half 0.7 on the other
    /// (so correlations 0.64 and 0.49 within a half, 0 across), and a four-level categorical cut from the first.
    /// </summary>
    private static (Table Table, TableMetadata Metadata) Wide()
    {
        var random = new RandomStream(3, 0);
        var values = new double[Columns][];
        for (int j = 0; j < Columns; j++) values[j] = new double[Rows];
        var level = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double a = random.NextNormal(), b = random.NextNormal();
            for (int j = 0; j < Columns; j++)
            {
                double loading = j < Half ? LoadingA : LoadingB;
                values[j][i] = Math.Round(loading * (j < Half ? a : b) + Math.Sqrt(1 - loading * loading) * random.NextNormal(), 3);
            }
            level[i] = a > 0.8 ? 2 : a > 0 ? 0 : a > -0.8 ? 3 : 1; // level names deliberately out of order
        }
        var columns = new List<Column>(values.Select((v, j) => (Column)new NumberColumn($"v{j}", v)))
        {
            new CategoryColumn("band", level, ["b", "d", "a", "c"]),
        };
        var meta = new TableMetadata("wide",
            [.. Enumerable.Range(0, Columns).Select(j => new ColumnMetadata($"v{j}", SemanticType.Numerical) { Decimals = 3 }),
             new ColumnMetadata("band", SemanticType.Categorical)]);
        return (new Table(columns), meta);
    }

    private static readonly Lazy<(Table Real, SynthesisModel Model, Table Synthetic, TimeSpan Elapsed)> Fitted = new(() =>
    {
        var (real, meta) = Wide();
        var clock = Stopwatch.StartNew();
        var model = new GaussianCopulaSynthesizer().Fit(real, meta);
        var synthetic = model.Sample(2_000, new SampleOptions { Seed = 9 });
        return (real, model, synthetic, clock.Elapsed);
    });

    [Fact]
    public void Fit_WideTable_UsesFactorsAndIsFast()
    {
        var (_, model, _, elapsed) = Fitted.Value;
        var factors = Assert.IsType<CopulaGenerator>(model.Generator).Factors;
        Assert.NotNull(factors);
        Assert.InRange(factors.Rank, 2, LatentFactors.MaxFactors); // at least the two planted factors stand above the noise
        // The dense path took minutes at this width; the factor path takes about a second on two busy cores.
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"fit + sample took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Sample_WideTable_RecoversPlantedCorrelations()
    {
        var synthetic = Fitted.Value.Synthetic;
        // Mean over 40 pairs: one pair's correlation from 2,000 rows has SE ≤ 0.02, so 0.05 is several SEs even with
        // the loading's own estimation error from 200 rows (about 0.04 per column, averaged over the pairs).
        Assert.InRange(MeanCorrelation(synthetic, 0, 1), LoadingA * LoadingA - 0.05, LoadingA * LoadingA + 0.05);
        Assert.InRange(MeanCorrelation(synthetic, Half, Half + 1), LoadingB * LoadingB - 0.05, LoadingB * LoadingB + 0.05);
        Assert.InRange(MeanCorrelation(synthetic, 0, Half), -0.05, 0.05);
    }

    [Fact]
    public void Sample_WideTable_OrdersCategoricalAlongItsFactor()
    {
        var (real, _, synthetic, _) = Fitted.Value;
        // The band is a monotone cut of the first factor only if its levels were ordered along it.
        double realEta = CorrelationRatio(real), syntheticEta = CorrelationRatio(synthetic);
        Assert.True(realEta > 0.4, $"real η² {realEta:0.000}");
        Assert.InRange(syntheticEta, realEta - 0.15, realEta + 0.15);
    }

    [Fact]
    public void ModelFile_WideModel_RoundTripsAsVersion5()
    {
        var model = Fitted.Value.Model;
        var bytes = ModelFile.ToBytes(model);
        Assert.Equal(5, BitConverter.ToInt32(bytes, 8));
        var loaded = ModelFile.FromBytes(bytes, "wide.doppel");
        Assert.Equal(bytes, ModelFile.ToBytes(loaded));
        var options = new SampleOptions { Seed = 4 };
        Assert.Equal(TestData.Numbers(model.Sample(100, options), "v7"), TestData.Numbers(loaded.Sample(100, options), "v7"));
    }

    /// <summary>Mean correlation of columns first+2i and second+2i over 40 pairs.</summary>
    private static double MeanCorrelation(Table table, int first, int second) =>
        Enumerable.Range(0, 40).Average(i => TestData.Pearson(TestData.Numbers(table, $"v{first + 2 * i}"), TestData.Numbers(table, $"v{second + 2 * i}")));

    /// <summary>η² of the mean of the first factor's columns given the band.</summary>
    private static double CorrelationRatio(Table table)
    {
        var columns = Enumerable.Range(0, 20).Select(j => TestData.Numbers(table, $"v{j}")).ToArray();
        var score = Enumerable.Range(0, table.RowCount).Select(i => columns.Average(c => c[i])).ToArray();
        var band = TestData.Labels(table, "band");
        double mean = score.Average(), total = score.Sum(s => (s - mean) * (s - mean));
        double between = Enumerable.Range(0, score.Length).GroupBy(i => band[i])
            .Sum(g => g.Count() * Math.Pow(g.Average(i => score[i]) - mean, 2));
        return between / total;
    }
}
