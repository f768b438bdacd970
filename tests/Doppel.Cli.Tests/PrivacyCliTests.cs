using System.Text.Json;

namespace Doppel.Cli.Tests;

public class PrivacyCliTests
{
    private readonly CliRunner _cli = new();

    private string PublicMetadata()
    {
        string metadata = _cli.PathOf("public.json");
        var (code, _, error, _) = _cli.Run("inspect", CliRunner.Sample, "--domain", "-o", metadata);
        Assert.True(code == 0, error);
        Assert.Contains("as private as the data", error);
        return metadata;
    }

    [Fact]
    public void Generate_WithEpsilon_UsesMst_AndRecordsTheBudget()
    {
        string output = _cli.PathOf("dp.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "1", "--epsilon", "1",
            "--public-metadata", PublicMetadata(), "--target", "income");
        Assert.True(code == 0, error);
        Assert.Contains("Fitted mst", error);
        Assert.Contains("(1, 1E-09)-differentially private", error);
        using var manifest = JsonDocument.Parse(File.ReadAllText(output + ".manifest.json"));
        var root = manifest.RootElement;
        Assert.Equal("mst", root.GetProperty("synthesizer").GetString());
        var privacy = root.GetProperty("privacy");
        Assert.Equal(1, privacy.GetProperty("epsilon").GetDouble());
        Assert.Equal(1e-9, privacy.GetProperty("delta").GetDouble());
        Assert.True(privacy.GetProperty("publicDomain").GetBoolean());
        Assert.True(privacy.GetProperty("secureNoise").GetBoolean());
        Assert.Contains("Canonne", privacy.GetProperty("conversion").GetString());
        Assert.StartsWith("withheld", root.GetProperty("source").GetProperty("dataSha256").GetString());
        // The default row count is the model's noisy estimate, never the exact input count it would reveal.
        long rows = root.GetProperty("rows").GetInt64();
        Assert.Equal(rows, File.ReadAllLines(output).Length - 1);
        Assert.InRange(rows, 3_257 - 500, 3_257 + 500);
    }

    [Fact]
    public void FitThenSample_KeepsTheGuaranteeInEveryOutput()
    {
        string model = _cli.PathOf("dp.doppel");
        var fit = _cli.Run("fit", CliRunner.Sample, "-o", model, "--epsilon", "2", "--delta", "1e-8");
        Assert.True(fit.Code == 0, fit.Error);
        Assert.Contains("estimated privately", fit.Error);
        Assert.Contains("detected from the private data itself", fit.Error);
        string output = _cli.PathOf("s.csv");
        var sample = _cli.Run("sample", model, "-n", "400", "--seed", "2", "-o", output);
        Assert.True(sample.Code == 0, sample.Error);
        using var manifest = JsonDocument.Parse(File.ReadAllText(output + ".manifest.json"));
        Assert.Equal(2, manifest.RootElement.GetProperty("privacy").GetProperty("epsilon").GetDouble());
        Assert.False(manifest.RootElement.GetProperty("privacy").GetProperty("publicDomain").GetBoolean());
    }

    [Theory]
    [InlineData("--epsilon", "0")]
    [InlineData("--epsilon", "-1")]
    [InlineData("--epsilon", "abc")]
    [InlineData("--delta", "1e-9")]
    [InlineData("--epsilon", "1", "--delta", "0.5")]
    [InlineData("--epsilon", "1", "--synthesizer", "gaussian-copula")]
    [InlineData("--epsilon", "1", "--synthesizer", "auto")]
    [InlineData("--epsilon", "1", "--budget-split", "one-way=0.9,two-way=0.9")]
    [InlineData("--epsilon", "1", "--budget-split", "oneway=0.5")]
    [InlineData("--synthesizer", "mst")]
    public void Generate_BadPrivacyRequests_ExitWithUsageAndWriteNothing(params string[] options)
    {
        string output = _cli.PathOf("bad.csv");
        var (code, _, error, _) = _cli.Run(["generate", CliRunner.Sample, "-o", output, "--seed", "1", .. options]);
        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Generate_DeltaAboveOneOverN_NamesTheLimit()
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("x.csv"), "--epsilon", "1", "--delta", "0.001");
        Assert.Equal(2, code);
        Assert.Contains("1/n", error);
    }

    [Fact]
    public void Generate_BudgetTooSmall_ExitsWithPrivacyBudgetCode()
    {
        string output = _cli.PathOf("tiny.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--epsilon", "0.00001", "--public-metadata", PublicMetadata());
        Assert.True(code == 8, $"exit {code}: {error}");
        Assert.Contains("too small", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Generate_PublicMetadataAndMetadataTogether_AreRefused()
    {
        string metadata = PublicMetadata();
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf("x.csv"), "--epsilon", "1", "--public-metadata", metadata, "--metadata", metadata);
        Assert.Equal(2, code);
        Assert.Contains("not both", error);
    }
}
