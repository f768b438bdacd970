using System.Text.Json;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Tests;

/// <summary>
/// The SDMetrics-named Quality Report reproduces SDMetrics 0.29's numbers. Fixtures/SdMetrics holds 400 real rows
/// (samples/adult.csv), 400 synthetic rows (bayesian-network, seed 7), their metadata and expected.json, computed
/// by Fixtures/SdMetrics/reference.py (SDMetrics 0.29's definitions in pandas/NumPy/SciPy; see README there).
/// </summary>
public class SdMetricsQualityTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "SdMetrics", name);

    private static (QualityScore Score, JsonElement Expected) Compute(QualityVariant variant)
    {
        var metadata = MetadataJson.ReadFile(Fixture("metadata.json")).SingleTable;
        var (real, _) = TableFiles.Load(Fixture("real.csv"), metadata);
        var (synthetic, _) = TableFiles.Load(Fixture("synthetic.csv"), metadata);
        var expected = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json"))).RootElement;
        return (QualityReport.Compute(real, synthetic, metadata, variant), expected);
    }

    [Fact]
    public void SdMetricsVariant_MatchesTheReference_WithinAThousandth()
    {
        var (score, expected) = Compute(QualityVariant.SdMetrics);
        // The floor is 0.001; the definitions are the same, so the numbers agree to rounding.
        Assert.Equal(expected.GetProperty("columnShapes").GetDouble(), score.ColumnShapes, 1e-9);
        Assert.Equal(expected.GetProperty("columnPairTrends").GetDouble(), score.ColumnPairTrends, 1e-9);
        Assert.Equal(expected.GetProperty("overall").GetDouble(), score.Overall, 1e-9);
        Assert.Equal(expected.GetProperty("columnPairTrendsAllPairs").GetDouble(), score.ColumnPairTrendsAllPairs, 1e-9);
        Assert.Equal(expected.GetProperty("overallAllPairs").GetDouble(), score.OverallAllPairs, 1e-9);
        foreach (var shape in score.Shapes)
            Assert.Equal(expected.GetProperty("columns").GetProperty(shape.Column).GetDouble(), shape.Score, 1e-9);
        var pairs = expected.GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(pairs.Length, score.Pairs.Count);
        for (int i = 0; i < pairs.Length; i++)
        {
            Assert.Equal(pairs[i].GetProperty("a").GetString(), score.Pairs[i].ColumnA);
            Assert.Equal(pairs[i].GetProperty("b").GetString(), score.Pairs[i].ColumnB);
            Assert.Equal(pairs[i].GetProperty("score").GetDouble(), score.Pairs[i].Score, 1e-9);
            Assert.Equal(pairs[i].GetProperty("counted").GetBoolean(), score.Pairs[i].Counted);
        }
    }

    [Fact]
    public void DoppelVariant_DiffersWhereNullsAndMixedPairsDo()
    {
        // Doppel's own variant drops nulls and bins over the real range: the same shapes, other pair scores.
        var (doppel, expected) = Compute(QualityVariant.Doppel);
        Assert.Equal(expected.GetProperty("columnShapes").GetDouble(), doppel.ColumnShapes, 1e-6); // no 1e-6 pseudo-count here
        Assert.True(Math.Abs(expected.GetProperty("columnPairTrendsAllPairs").GetDouble() - doppel.ColumnPairTrendsAllPairs) > 0.001);
    }

    [Fact]
    public void HistogramCodes_AreNumpyDigitizeOverEachTablesOwnEdges()
    {
        // Edges of [0, 10]: 0, 1, ..., 10. digitize counts the edges at or below a value: the minimum gets 1, a value
        // on an inner edge the bin above it, the maximum 11 alone, and NaN 11 too (it sorts after every edge).
        double[] values = [0, 0.5, 1, 9.99, 10, double.NaN];
        var codes = HistogramCodes.Of(values, [0, 0.5, 1, 9.99, 10]);
        Assert.Equal([1, 1, 2, 10, 11, 11], codes);
        // A constant column gets the range [x − ½, x + ½]: x is the middle edge's value, code 6.
        Assert.Equal([6], HistogramCodes.Of([3.0], [3.0]));
    }

    [Fact]
    public void WorkedExampleOfDocsMetrics_BothVariants()
    {
        // docs/metrics.md, "SDMetrics 0.29 exactly": one mixed pair (x, c) with nulls in c and a wider synthetic x.
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical) { Integer = true }, new ColumnMetadata("c", SemanticType.Categorical)]);
        var real = TableConverter.Convert(TestData.Csv("x,c\n0,a\n5,a\n10,\n"), meta);
        var synthetic = TableConverter.Convert(TestData.Csv("x,c\n0,a\n0,\n20,\n"), meta);
        Assert.Equal(2.0 / 3, QualityReport.Compute(real, synthetic, meta, QualityVariant.SdMetrics).Pairs.Single().Score, 1e-12);
        Assert.Equal(0.5, QualityReport.Compute(real, synthetic, meta, QualityVariant.Doppel).Pairs.Single().Score, 1e-12);
    }

    [Fact]
    public void KsComplement_SdMetricsRoundsTo14Decimals_SoFloatNoiseTies()
    {
        // kscomplement.py rounds both samples to sys.float_info.dig - 1 = 14 decimals before ks_2samp: 0.1 + 0.2
        // (0.30000000000000004) and 0.3 are one value there, two values (D = 1) without the rounding.
        var meta = new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical)]);
        var real = new Doppel.Data.Table([new Doppel.Data.NumberColumn("x", [0.1 + 0.2, 0.1 + 0.2])], 2);
        var synthetic = new Doppel.Data.Table([new Doppel.Data.NumberColumn("x", [0.3, 0.3])], 2);
        Assert.Equal(1.0, QualityReport.Compute(real, synthetic, meta, QualityVariant.SdMetrics).Shapes.Single().Score);
        Assert.Equal(0.0, QualityReport.Compute(real, synthetic, meta, QualityVariant.Doppel).Shapes.Single().Score);
        Assert.Equal([0.3, 12.0], QualityReport.RoundedAsSdMetrics([0.1 + 0.2, 12.0]));
    }
}
