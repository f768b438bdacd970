namespace Doppel.Cli.Tests;

/// <summary>The verdict of <c>evaluate</c> tells the truth about copies and about a holdout that is not held out.</summary>
public class VerdictCliTests
{
    private readonly CliRunner _cli = new();

    /// <summary>The sample cut into a training file (first 2,000 rows) and a holdout file (the rest).</summary>
    private (string Train, string Holdout) Split()
    {
        var lines = File.ReadAllLines(CliRunner.Sample);
        string train = _cli.PathOf("train.csv"), holdout = _cli.PathOf("holdout.csv");
        File.WriteAllLines(train, lines.Take(2_001));
        File.WriteAllLines(holdout, [lines[0], .. lines.Skip(2_001)]);
        return (train, holdout);
    }

    [Fact]
    public void Evaluate_VerbatimCopyWithoutHoldout_IsAPrivacyFailure()
    {
        string copy = _cli.PathOf("copy.csv");
        File.Copy(CliRunner.Sample, copy);
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", copy, "--no-ml");
        Assert.True(code == 0, error);
        Assert.StartsWith("Verdict: poor (PRIVACY FAILURE)", stdout);
        Assert.Contains("Privacy failure: 1.000 of the synthetic rows are identical to a training row", stdout);
    }

    [Fact]
    public void Evaluate_VerbatimCopyWithHoldout_NamesEveryFailingScore()
    {
        var (train, holdout) = Split();
        string copy = _cli.PathOf("copy.csv");
        File.Copy(train, copy);
        string json = _cli.PathOf("r.json");
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", copy, "--holdout", holdout, "--no-ml", "--json", json);
        Assert.True(code == 0, error);
        Assert.StartsWith("Verdict: poor (PRIVACY FAILURE)", stdout);
        Assert.Contains("identical to a training row", stdout);
        Assert.Contains("membership attack", stdout);
        Assert.Contains("DCR share", stdout);
        Assert.DoesNotContain("No sign of copying", stdout);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(report.RootElement.GetProperty("verdict").GetProperty("privacyFailure").GetBoolean());
    }

    [Fact]
    public void Evaluate_HoldoutIdenticalToTraining_IsReported()
    {
        string syn = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", syn, "--seed", "1").Code);
        string holdout = _cli.PathOf("same.csv");
        File.Copy(CliRunner.Sample, holdout);
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--holdout", holdout, "--no-ml");
        Assert.True(code == 0, error);
        Assert.Contains("The holdout is not held out: 1.000 of its rows are identical to a training row", stdout);
        Assert.DoesNotContain("Verdict: excellent", stdout);
        Assert.DoesNotContain("PRIVACY FAILURE", stdout); // the synthetic data itself is no copy
    }

    [Fact]
    public void Evaluate_GenuineSynthesisWithHoldout_IsNoPrivacyFailure()
    {
        var (train, holdout) = Split();
        string syn = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", train, "-o", syn, "--seed", "1").Code);
        var (code, stdout, error, _) = _cli.Run("evaluate", "--real", train, "--synthetic", syn, "--holdout", holdout, "--no-ml");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("PRIVACY FAILURE", stdout);
        Assert.DoesNotContain("not held out", stdout);
        Assert.Contains("No sign of copying", stdout);
    }
}
