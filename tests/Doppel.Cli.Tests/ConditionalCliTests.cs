using System.Text.Json;
using Doppel.IO;

namespace Doppel.Cli.Tests;

/// <summary><c>--conditions</c>, <c>--rebalance</c>, <c>--fair</c>/<c>--sensitive</c> on <c>sample</c> and <c>generate</c> (issue #6).</summary>
public class ConditionalCliTests
{
    private readonly CliRunner _cli = new();

    private string Model()
    {
        string model = _cli.PathOf("m.doppel");
        var fit = _cli.Run("fit", CliRunner.Sample, "-o", model, "--synthesizer", "bayesian-network", "--seed", "1");
        Assert.True(fit.Code == 0, fit.Error);
        return model;
    }

    private static string?[] Column(string csv, string name)
    {
        var raw = CsvReader.Read(csv);
        return raw.Columns[Array.IndexOf(raw.Names, name)];
    }

    [Fact]
    public void Sample_ConditionsFile_WritesEachLinesRowsInOrder()
    {
        string model = Model();
        string conditions = _cli.Write("conditions.csv", "sex,income,num_rows\nFemale,>50K,40\nMale,,60\n");
        string output = _cli.PathOf("out.csv");
        var (code, _, error, _) = _cli.Run("sample", model, "--conditions", conditions, "-o", output, "--seed", "2");
        Assert.True(code == 0, error);
        var sex = Column(output, "sex");
        var income = Column(output, "income");
        Assert.Equal(100, sex.Length);
        Assert.All(Enumerable.Range(0, 40), r => Assert.True(sex[r] == "Female" && income[r] == ">50K"));
        Assert.All(Enumerable.Range(40, 60), r => Assert.Equal("Male", sex[r]));
        Assert.Contains("conditions file conditions.csv", File.ReadAllText(output + ".manifest.json"));
    }

    [Fact]
    public void Sample_WithoutRowsOrConditions_IsUsageError()
    {
        var (code, _, error, _) = _cli.Run("sample", Model(), "-o", _cli.PathOf("x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--rows N is required", error);
    }

    [Fact]
    public void Sample_RowsDisagreeingWithConditionsFile_IsUsageError()
    {
        string conditions = _cli.Write("c.csv", "sex,num_rows\nFemale,10\n");
        var (code, _, error, _) = _cli.Run("sample", Model(), "--conditions", conditions, "--rows", "11", "-o", _cli.PathOf("x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("sum to 10", error);
    }

    [Theory]
    [InlineData("salary,num_rows\n1,5\n", 3, "unknown column 'salary'")]
    [InlineData("race,num_rows\nMartian,5\n", 7, "Martian")]
    public void Sample_BadConditionsFile_IsAClearErrorWithoutOutput(string csv, int exit, string says)
    {
        string conditions = _cli.Write("c.csv", csv);
        string output = _cli.PathOf("x.csv");
        var (code, _, error, _) = _cli.Run("sample", Model(), "--conditions", conditions, "-o", output, "--seed", "1");
        Assert.Equal(exit, code);
        Assert.Contains(says, error);
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Generate_Rebalance_GivesTheRequestedShares()
    {
        string output = _cli.PathOf("r.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "--synthesizer", "sequential-tree", "--rebalance", "income='>50K':0.4",
            "--rows", "1000", "-o", output, "--seed", "3");
        Assert.True(code == 0, error);
        var income = Column(output, "income");
        Assert.Equal(400, income.Count(v => v == ">50K"));
        Assert.Equal(600, income.Count(v => v == "<=50K"));
    }

    [Theory]
    [InlineData("income='>50K':0.6,'<=50K':0.6", "sum to 1.2")]
    [InlineData("income='>70K':0.5", "no class '>70K'")]
    [InlineData("wage", "unknown column 'wage'")]
    public void Rebalance_BadSpec_IsUsageError(string spec, string says)
    {
        var (code, _, error, _) = _cli.Run("sample", Model(), "--rebalance", spec, "--rows", "10", "-o", _cli.PathOf("x.csv"));
        Assert.Equal(2, code);
        Assert.Contains(says, error);
    }

    [Fact]
    public void Generate_Fair_MakesTheTargetIndependentOfTheSensitiveColumn()
    {
        string output = _cli.PathOf("f.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "--synthesizer", "bayesian-network", "--fair", "income", "--sensitive", "sex",
            "--rows", "4000", "-o", output, "--seed", "5");
        Assert.True(code == 0, error);
        var sex = Column(output, "sex");
        var income = Column(output, "income");
        double Rate(string s) => (double)Enumerable.Range(0, sex.Length).Count(r => sex[r] == s && income[r] == ">50K") / sex.Count(v => v == s);
        Assert.True(Math.Abs(Rate("Male") - Rate("Female")) < 2.0 / sex.Count(v => v == "Female"));
    }

    [Theory]
    [InlineData(new[] { "--fair", "income" }, "go together")]
    [InlineData(new[] { "--fair", "income", "--sensitive", "sex", "--rebalance", "income" }, "use one of them")]
    public void ConflictingOptions_AreUsageErrors(string[] options, string says)
    {
        var (code, _, error, _) = _cli.Run(["sample", Model(), "--rows", "10", "-o", _cli.PathOf("x.csv"), .. options]);
        Assert.Equal(2, code);
        Assert.Contains(says, error);
    }

    [Fact]
    public void Fair_EvaluationReportShowsTheBiasBeforeAndAfter()
    {
        string output = _cli.PathOf("fair.csv");
        var generated = _cli.Run("generate", CliRunner.Sample, "--synthesizer", "bayesian-network", "--fair", "income", "--sensitive", "sex", "-o", output, "--seed", "6");
        Assert.True(generated.Code == 0, generated.Error);
        string json = _cli.PathOf("fair.json");
        var (code, _, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", output, "--target", "income", "--sensitive", "sex", "--no-ml", "--json", json);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var parity = doc.RootElement.GetProperty("fairness")[0].GetProperty("metrics")[0];
        Assert.Equal("Demographic parity difference", parity.GetProperty("name").GetString());
        Assert.True(parity.GetProperty("real").GetDouble() > 0.1, "the real data has a gap");
        Assert.True(parity.GetProperty("synthetic").GetDouble() < 0.01, "the fair data has none");
    }

    [Fact]
    public void Sample_Scenario_ShiftsTheColumn_AndBadScenarioIsUsageError()
    {
        string model = Model();
        var plain = _cli.Run("sample", model, "--rows", "300", "--seed", "4", "-o", _cli.PathOf("plain.csv"));
        var shifted = _cli.Run("sample", model, "--rows", "300", "--seed", "4", "-o", _cli.PathOf("shifted.csv"), "--scenario", "age:+5", "--scenario", "occupation:nulls+10%");
        Assert.True(plain.Code == 0 && shifted.Code == 0, shifted.Error);
        var before = Column(_cli.PathOf("plain.csv"), "age");
        var after = Column(_cli.PathOf("shifted.csv"), "age");
        Assert.All(Enumerable.Range(0, 300), r => Assert.Equal(double.Parse(before[r]!) + 5, double.Parse(after[r]!)));
        Assert.Contains("scenario age:+5", File.ReadAllText(_cli.PathOf("shifted.csv") + ".manifest.json"));
        var bad = _cli.Run("sample", model, "--rows", "10", "-o", _cli.PathOf("bad.csv"), "--scenario", "sex:+5");
        Assert.Equal(2, bad.Code);
        Assert.Contains("shifts need a numerical column", bad.Error);
    }
}
