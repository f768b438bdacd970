using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Evaluation.ML.Tests;

public class FairnessTests
{
    private static readonly TableMetadata Meta = new("people",
    [
        new ColumnMetadata("sex", SemanticType.Categorical),
        new ColumnMetadata("x", SemanticType.Numerical),
        new ColumnMetadata("income", SemanticType.Categorical),
    ]);

    [Fact]
    public void Fairness_TinyTables_RatesAsHandComputed()
    {
        // Real: F 1 of 4 "yes" (0.25), M 3 of 6 (0.5); "yes" is the minority (4 of 10), so it is the positive class.
        var real = People(["F", "F", "F", "F", "M", "M", "M", "M", "M", "M"], ["yes", "no", "no", "no", "yes", "yes", "yes", "no", "no", "no"]);
        // Synthetic (another dictionary order, one row without sex): M 2 of 5 (0.4), F 2 of 5 (0.4).
        var synthetic = People(["M", "M", "M", "M", "M", "F", "F", "F", "F", "F", null], ["yes", "yes", "no", "no", "no", "yes", "yes", "no", "no", "no", "yes"]);
        var result = Fairness.Compute(real, synthetic, Meta, "income", ["sex"]);

        Assert.Equal("yes", result.PositiveClass);
        var sex = Assert.Single(result.Columns);
        Assert.Equal(["M", "F"], sex.Groups.Select(g => g.Group));
        var (m, f) = (sex.Groups[0], sex.Groups[1]);
        Assert.Equal((6, 4), (m.RealRows, f.RealRows));
        Assert.Equal((5, 5), (m.SyntheticRows, f.SyntheticRows));
        Assert.Equal(0.6, m.RealShare, 12);
        Assert.Equal(0.4, f.RealShare, 12);
        Assert.Equal(0.5, m.SyntheticShare, 12);
        Assert.Equal(0.5, m.RealPositiveRate!.Value, 12);
        Assert.Equal(0.25, f.RealPositiveRate!.Value, 12);
        Assert.Equal(0.4, m.SyntheticPositiveRate!.Value, 12);
        Assert.Equal(0.4, f.SyntheticPositiveRate!.Value, 12);
        Assert.Equal(0.25, sex.RealParityDifference!.Value, 12);
        Assert.Equal(0.5, sex.RealDisparateImpact!.Value, 12);
        Assert.Equal(0.0, sex.SyntheticParityDifference!.Value, 12);
        Assert.Equal(1.0, sex.SyntheticDisparateImpact!.Value, 12);
        Assert.Null(sex.TrtrEqualizedOddsDifference);
        Assert.Null(m.Trtr);
        Assert.Contains(result.Notes, n => n.Contains("1 synthetic rows without a 'sex' value"));
    }

    [Fact]
    public void Fairness_PositiveClassGiven_OneVsRest()
    {
        var real = People(["F", "F", "M", "M"], ["low", "mid", "high", "high"]);
        var result = Fairness.Compute(real, real, Meta, "income", ["sex"], options: new FairnessOptions { PositiveClass = "high" });
        Assert.Equal("high", result.PositiveClass);
        // Equally frequent groups are ordered by string.
        Assert.Equal(["F", "M"], result.Columns[0].Groups.Select(g => g.Group));
        Assert.Equal([0.0, 1.0], result.Columns[0].Groups.Select(g => g.RealPositiveRate!.Value));
        Assert.Equal(1.0, result.Columns[0].RealParityDifference);
        Assert.Equal(0.0, result.Columns[0].RealDisparateImpact);
    }

    [Fact]
    public void Fairness_Holdout_EqualizedOddsOfBothModels()
    {
        // Outcome "yes" exactly when x > 0. The synthetic data inverts it for group B, so the TSTR model gets B wrong.
        var real = Deterministic(2000, seed: 1, invertB: false);
        var holdout = Deterministic(2000, seed: 2, invertB: false);
        var synthetic = Deterministic(2000, seed: 3, invertB: true);
        var result = Fairness.Compute(real, synthetic, Meta, "income", ["sex"], holdout);
        var sex = result.Columns[0];
        Assert.True(sex.TrtrEqualizedOddsDifference < 0.05, $"TRTR EOD {sex.TrtrEqualizedOddsDifference}");
        Assert.True(sex.TstrEqualizedOddsDifference > 0.9, $"TSTR EOD {sex.TstrEqualizedOddsDifference}");
        var b = sex.Groups.Single(g => g.Group == "B");
        Assert.True(b.Trtr!.TruePositiveRate > 0.97 && b.Trtr.FalsePositiveRate < 0.03, b.Trtr.ToString());
        Assert.True(b.Tstr!.TruePositiveRate < 0.03 && b.Tstr.FalsePositiveRate > 0.97, b.Tstr.ToString());
        Assert.Equal(b.Trtr.Rows, b.Tstr.Rows);
        Assert.Equal(holdout.RowCount, sex.Groups.Sum(g => g.Trtr!.Rows));
    }

    [Fact]
    public void Fairness_MissingSensitiveColumn_UsageErrorNamesIt()
    {
        var real = People(["F", "M"], ["yes", "no"]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "income", ["race"]));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("'race'", error.Message);
        Assert.Contains("'sex'", error.Message);
    }

    [Fact]
    public void Fairness_MissingTarget_UsageError()
    {
        var real = People(["F", "M"], ["yes", "no"]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "salary", ["sex"]));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("'salary'", error.Message);
    }

    [Fact]
    public void Fairness_SingleGroup_DataError()
    {
        var real = People(["F", "F", "F"], ["yes", "no", "no"]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "income", ["sex"]));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'sex' needs at least two groups", error.Message);
    }

    [Fact]
    public void Fairness_TooManyGroups_UsageError()
    {
        var real = People([.. Enumerable.Range(0, 101).Select(i => i % 2 == 0 ? "F" : "M")], [.. Enumerable.Range(0, 101).Select(i => i % 3 == 0 ? "yes" : "no")]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "income", ["x"]));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("'x' has 101 distinct values", error.Message);
    }

    [Fact]
    public void Fairness_MulticlassTargetWithoutPositiveClass_DataError()
    {
        var real = People(["F", "F", "M", "M"], ["low", "mid", "high", "high"]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "income", ["sex"]));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("PositiveClass", error.Message);
    }

    [Fact]
    public void Fairness_UnknownPositiveClass_UsageError()
    {
        var real = People(["F", "M"], ["yes", "no"]);
        var error = Assert.Throws<DoppelException>(() =>
            Fairness.Compute(real, real, Meta, "income", ["sex"], options: new FairnessOptions { PositiveClass = "maybe" }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("'maybe'", error.Message);
    }

    [Fact]
    public void Fairness_ContinuousTarget_DataError()
    {
        var real = People(["F", "M", "F"], ["yes", "no", "no"]);
        var error = Assert.Throws<DoppelException>(() => Fairness.Compute(real, real, Meta, "x", ["sex"]));
        Assert.Equal(ErrorKind.Data, error.Kind);
    }

    private static Table People(string?[] sex, string[] income)
    {
        int n = sex.Length;
        return new Table(
        [
            Categories("sex", sex),
            new NumberColumn("x", [.. Enumerable.Range(0, n).Select(i => i * 0.37)]),
            Categories("income", income),
        ]);
    }

    /// <summary>A category column whose dictionary is in order of first appearance.</summary>
    private static CategoryColumn Categories(string name, string?[] labels)
    {
        var dictionary = labels.Where(l => l is not null).Distinct().ToList();
        var validity = new Validity(labels.Length);
        for (int i = 0; i < labels.Length; i++) if (labels[i] is null) validity.Set(i, false);
        return new CategoryColumn(name, [.. labels.Select(l => l is null ? 0 : dictionary.IndexOf(l))], [.. dictionary!], validity);
    }

    private static Table Deterministic(int n, ulong seed, bool invertB)
    {
        var random = new RandomStream(seed, 0);
        var sex = new string?[n];
        var x = new double[n];
        var income = new string[n];
        for (int i = 0; i < n; i++)
        {
            sex[i] = random.NextDouble() < 0.6 ? "A" : "B";
            x[i] = random.NextNormal();
            income[i] = (x[i] > 0) ^ (invertB && sex[i] == "B") ? "yes" : "no";
        }
        return new Table([Categories("sex", sex), new NumberColumn("x", x), Categories("income", income)]);
    }
}
