using Doppel.Metadata;
using Xunit.Abstractions;

namespace Doppel.Evaluation.ML.Tests;

public class DetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Detection_SameDistribution_AucNearHalf()
    {
        // Different seeds, different dictionaries (categories compared by string) and disjoint ids (not features).
        var real = Generated.Population(2000, seed: 1);
        var synthetic = Generated.Population(2000, seed: 2, reverseDictionary: true);
        var result = Detection.Compute(real, synthetic, Generated.Metadata);
        output.WriteLine($"AUC {result.Auc:0.0000}, folds {string.Join(", ", result.FoldAucs.Select(a => a.ToString("0.0000")))}");
        Assert.InRange(result.Auc, 0.4, 0.6);
        Assert.True(result.Score > 0.8, $"score {result.Score}");
    }

    [Fact]
    public void Detection_IndependentColumns_AucNearOne()
    {
        var real = Generated.Population(2000, seed: 1);
        var synthetic = Generated.Shuffled(Generated.Population(2000, seed: 2), seed: 3);
        var result = Detection.Compute(real, synthetic, Generated.Metadata);
        output.WriteLine($"AUC {result.Auc:0.0000}, folds {string.Join(", ", result.FoldAucs.Select(a => a.ToString("0.0000")))}");
        Assert.True(result.Auc > 0.95, $"AUC {result.Auc}");
    }

    [Fact]
    public void Detection_ShiftedData_AucNearOne()
    {
        var real = Generated.Population(2000, seed: 1);
        var synthetic = Generated.Population(2000, seed: 2, shift: 3);
        var result = Detection.Compute(real, synthetic, Generated.Metadata);
        output.WriteLine($"AUC {result.Auc:0.0000}, folds {string.Join(", ", result.FoldAucs.Select(a => a.ToString("0.0000")))}");
        Assert.True(result.Auc > 0.95, $"AUC {result.Auc}");
        Assert.All(result.FoldAucs, auc => Assert.True(auc > 0.95));
    }

    [Fact]
    public void Detection_Rows_BalancedAndCapped()
    {
        var real = Generated.Population(3000, seed: 1);
        var synthetic = Generated.Population(1000, seed: 2);
        var balanced = Detection.Compute(real, synthetic, Generated.Metadata, new DetectionOptions { Folds = 3 });
        Assert.Equal(1000, balanced.RowsPerClass);
        Assert.Equal(2000, balanced.Rows);
        Assert.Equal(3, balanced.FoldAucs.Count);
        Assert.Equal(balanced.FoldAucs.Average(), balanced.Auc, 12);
        var capped = Detection.Compute(real, synthetic, Generated.Metadata, new DetectionOptions { MaxRowsPerClass = 500 });
        Assert.Equal(500, capped.RowsPerClass);
        Assert.Equal(5, capped.FoldAucs.Count);
    }

    [Fact]
    public void Detection_SameInputs_SameResult()
    {
        var real = Generated.Population(1500, seed: 1);
        var synthetic = Generated.Shuffled(Generated.Population(1500, seed: 2), seed: 3, only: "c");
        var first = Detection.Compute(real, synthetic, Generated.Metadata, new DetectionOptions { Seed = 7 });
        var second = Detection.Compute(real, synthetic, Generated.Metadata, new DetectionOptions { Seed = 7 });
        Assert.Equal(first.FoldAucs, second.FoldAucs);
        Assert.Equal(first.Auc, second.Auc);
    }

    [Fact]
    public void Detection_TooFewRows_DataError()
    {
        var real = Generated.Population(3, seed: 1);
        var error = Assert.Throws<DoppelException>(() => Detection.Compute(real, Generated.Population(100, seed: 2), Generated.Metadata));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("at least 5 rows", error.Message);
    }

    [Fact]
    public void Detection_NoFeature_DataError()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("id", SemanticType.Id)]);
        var table = Generated.Population(100, seed: 1);
        var error = Assert.Throws<DoppelException>(() => Detection.Compute(table, table, meta));
        Assert.Equal(ErrorKind.Data, error.Kind);
    }

    [Fact]
    public void Detection_BadOptions_UsageError()
    {
        var table = Generated.Population(100, seed: 1);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => Detection.Compute(table, table, Generated.Metadata, new DetectionOptions { Folds = 1 })).Kind);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => Detection.Compute(table, table, Generated.Metadata,
            new DetectionOptions { LightGbm = new LightGbmOptions { Threads = 0 } })).Kind);
    }
}
