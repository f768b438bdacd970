namespace Doppel.Cli.Tests;

/// <summary>Every long phase says on stderr what it is doing (plain lines off a terminal), and --quiet silences it.</summary>
public class ProgressCliTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_Auto_AnnouncesReadingFittingAndEachTrial()
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("a.csv"), "--rows", "100", "--seed", "1", "--synthesizer", "auto");
        Assert.True(code == 0, error);
        Assert.Contains($"Reading {CliRunner.Sample}...", error);
        Assert.Contains("Comparing sequential-tree, bayesian-network, gaussian-copula (auto)...", error);
        Assert.Contains("  trying sequential-tree (1 of 3) on", error);
        Assert.Contains("  trying gaussian-copula (3 of 3) on", error);
        Assert.Matches(@"Fitting [a-z-]+ on 3,257 rows\.\.\.", error);
        Assert.True(error.IndexOf("Reading", StringComparison.Ordinal) < error.IndexOf("Comparing", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_AnnouncesEachMetric()
    {
        string syn = _cli.PathOf("s.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", syn, "--seed", "1", "--rows", "500").Code);
        var (code, _, error, _) = _cli.Run("evaluate", "--real", CliRunner.Sample, "--synthetic", syn, "--no-ml");
        Assert.True(code == 0, error);
        Assert.Contains("Evaluating...", error);
        foreach (var step in new[] { "accuracy", "quality report", "diagnostics" }) Assert.Contains($"  {step}...", error);
    }

    [Fact]
    public void SamplingAMillionRows_OffATerminal_SaysSoInAPlainLine()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--synthesizer", "independent").Code);
        var (code, _, error, _) = _cli.Run("sample", model, "--rows", "1000000", "--seed", "1", "-o", _cli.PathOf("big.csv"));
        Assert.True(code == 0, error);
        Assert.Contains("Sampling 1,000,000 rows...", error);
    }

    [Fact]
    public void Quiet_PrintsNoProgress()
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("q.csv"), "--rows", "100", "--seed", "1", "--quiet");
        Assert.Equal(0, code);
        Assert.Equal("", error);
    }
}
