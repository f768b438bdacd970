using Doppel.Data;
using Doppel.Metadata;
using Xunit.Abstractions;

namespace Doppel.Evaluation.ML.Tests;

public class UtilityTests(ITestOutputHelper output)
{
    private static readonly Table Train = Generated.Population(2000, seed: 1);
    private static readonly Table Holdout = Generated.Population(2000, seed: 2);

    [Fact]
    public void Utility_CopyOfTraining_TstrEqualsTrtr()
    {
        var result = Utility.Compute(Train, Holdout, Train, Generated.Metadata, "outcome");
        Assert.Equal(PredictionTask.Classification, result.Task);
        Assert.Equal(["no", "yes"], result.Classes);
        Assert.Equal("yes", result.MinorityClass);
        Assert.Equal(result.Trtr, result.Tstr);
        Assert.Equal(1.0, result.Ratio.Auc!.Value, 12);
        Assert.Equal(1.0, result.Ratio.MinorityF1!.Value, 12);
        Assert.True(result.Trtr.Auc > 0.85, $"TRTR AUC {result.Trtr.Auc}");
        Assert.Null(result.Trtr.R2);
        Assert.Empty(result.Notes);
        Assert.Equal((2000, 2000, 2000), (result.TrainRows, result.SyntheticRows, result.HoldoutRows));
    }

    [Fact]
    public void Utility_FreshSampleOfTheDistribution_TstrNearTrtr()
    {
        var synthetic = Generated.Population(2000, seed: 3, reverseDictionary: true);
        var result = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "outcome");
        output.WriteLine($"TRTR {result.Trtr}\nTSTR {result.Tstr}");
        Assert.InRange(result.Tstr.Auc!.Value - result.Trtr.Auc!.Value, -0.03, 0.03);
        Assert.InRange(result.Tstr.Accuracy!.Value - result.Trtr.Accuracy!.Value, -0.03, 0.03);
        Assert.InRange(result.Ratio.Auc!.Value, 0.96, 1.04);
    }

    [Fact]
    public void Utility_ShuffledLabels_TstrAucNearHalf()
    {
        var synthetic = Generated.Shuffled(Train, seed: 5, only: "outcome");
        var result = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "outcome");
        output.WriteLine($"TRTR {result.Trtr}\nTSTR {result.Tstr}");
        Assert.True(result.Trtr.Auc > 0.85, $"TRTR AUC {result.Trtr.Auc}");
        Assert.InRange(result.Tstr.Auc!.Value, 0.44, 0.56);
        Assert.True(result.Ratio.Auc < 0.7);
    }

    [Fact]
    public void Utility_LinearRelation_R2High()
    {
        var result = Utility.Compute(Train, Holdout, Generated.Population(2000, seed: 3), Generated.Metadata, "y");
        output.WriteLine($"TRTR {result.Trtr}\nTSTR {result.Tstr}");
        Assert.Equal(PredictionTask.Regression, result.Task);
        Assert.Empty(result.Classes);
        Assert.True(result.Trtr.R2 > 0.9, $"TRTR R² {result.Trtr.R2}");
        Assert.True(result.Tstr.R2 > 0.9, $"TSTR R² {result.Tstr.R2}");
        Assert.Null(result.Trtr.Auc);

        var broken = Utility.Compute(Train, Holdout, Generated.Shuffled(Train, seed: 5, only: "y"), Generated.Metadata, "y");
        output.WriteLine($"shuffled y: TSTR {broken.Tstr}");
        Assert.True(broken.Tstr.R2 < 0.05, $"TSTR R² {broken.Tstr.R2}");
    }

    [Fact]
    public void Utility_DatetimeTarget_Regressed()
    {
        var result = Utility.Compute(Train, Holdout, Train, Generated.Metadata, "when");
        Assert.Equal(PredictionTask.Regression, result.Task);
        Assert.True(result.Trtr.R2 > 0.9, $"TRTR R² {result.Trtr.R2}");
    }

    [Fact]
    public void Utility_Multiclass_ClassAbsentFromSynthetic_ScoredAndNoted()
    {
        var sample = Generated.Population(2000, seed: 3);
        var synthetic = Generated.Where(sample, row => Generated.Label(sample, "c", row) != "d");
        var result = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "c");
        output.WriteLine($"TRTR {result.Trtr}\nTSTR {result.Tstr}\n{string.Join("\n", result.Notes)}");
        Assert.Equal(4, result.Classes.Count);
        Assert.Contains(result.Notes, n => n.Contains("'d'") && n.Contains("never occurs in the synthetic data"));
        Assert.NotNull(result.Tstr.Auc);
        Assert.NotNull(result.Tstr.MacroF1);
        Assert.True(result.Trtr.Accuracy > result.Tstr.Accuracy);
        Assert.True(result.Trtr.Auc > 0.8, $"TRTR AUC {result.Trtr.Auc}");
    }

    [Fact]
    public void Utility_SyntheticWithOneClass_ConstantModel()
    {
        var synthetic = Generated.Where(Train, row => Generated.Label(Train, "outcome", row) == "no");
        var result = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "outcome");
        Assert.Equal(0.5, result.Tstr.Auc);
        Assert.Equal(0.0, result.Tstr.MinorityF1);
        Assert.Contains(result.Notes, n => n.Contains("'yes'") && n.Contains("never occurs"));
        Assert.Contains(result.Notes, n => n.Contains("holds only class 'no'"));
    }

    [Fact]
    public void Utility_NumericCodesTarget_Classified()
    {
        var train = WithCodes(Train);
        var meta = Generated.Metadata with { Columns = [.. Generated.Metadata.Columns, new ColumnMetadata("code", SemanticType.Numerical)] };
        var result = Utility.Compute(train, WithCodes(Holdout), train, meta, "code");
        Assert.Equal(PredictionTask.Classification, result.Task);
        Assert.Equal(["0", "1"], result.Classes.Order());
        var regressed = Utility.Compute(train, WithCodes(Holdout), train, meta, "code", new UtilityOptions { Task = PredictionTask.Regression });
        Assert.Equal(PredictionTask.Regression, regressed.Task);
    }

    [Fact]
    public void Utility_SameInputs_SameResult()
    {
        var synthetic = Generated.Population(1500, seed: 3);
        var first = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "c");
        var second = Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "c");
        Assert.Equal(first.Trtr, second.Trtr);
        Assert.Equal(first.Tstr, second.Tstr);
    }

    [Fact]
    public void Utility_MissingTarget_UsageErrorListsColumns()
    {
        var error = Assert.Throws<DoppelException>(() => Utility.Compute(Train, Holdout, Train, Generated.Metadata, "income"));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("'income'", error.Message);
        Assert.Contains("'outcome'", error.Message);
        Assert.Contains("'flag'", error.Message);
    }

    [Fact]
    public void Utility_IdTarget_UsageError()
    {
        var error = Assert.Throws<DoppelException>(() => Utility.Compute(Train, Holdout, Train, Generated.Metadata, "id"));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Utility_ConstantTarget_DataError()
    {
        var constant = Generated.Where(Train, row => Generated.Label(Train, "outcome", row) == "no");
        var error = Assert.Throws<DoppelException>(() => Utility.Compute(constant, Holdout, Train, Generated.Metadata, "outcome"));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("constant", error.Message);
    }

    [Fact]
    public void Utility_RegressionOfCategories_UsageError()
    {
        var error = Assert.Throws<DoppelException>(() =>
            Utility.Compute(Train, Holdout, Train, Generated.Metadata, "c", new UtilityOptions { Task = PredictionTask.Regression }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Utility_SyntheticLacksColumn_DataErrorNamesTable()
    {
        var synthetic = new Table([.. Train.Columns.Where(c => c.Name != "flag")]);
        var error = Assert.Throws<DoppelException>(() => Utility.Compute(Train, Holdout, synthetic, Generated.Metadata, "outcome"));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'flag' is missing from the synthetic table", error.Message);
    }

    /// <summary>Adds "code": 1 when outcome is "yes", else 0, as numbers.</summary>
    private static Table WithCodes(Table table)
    {
        var codes = Enumerable.Range(0, table.RowCount).Select(i => Generated.Label(table, "outcome", i) == "yes" ? 1.0 : 0.0).ToArray();
        return new Table([.. table.Columns, new NumberColumn("code", codes)]);
    }
}
