using System.Text.Json;

namespace Doppel.Cli.Tests;

public class ModelCommandTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Model_ShowsWhatTheFileHolds()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--seed", "9", "--constraint", "0 <= age <= 120", "--no-learned-rules", "-q").Code);
        var (code, text, error, _) = _cli.Run("model", model);
        Assert.True(code == 0, error);
        Assert.Contains("format version 1", text);
        Assert.Contains("synthesizer   gaussian-copula", text);
        Assert.Contains("15x15 correlation factor", text);
        Assert.Contains("trained on    3,257 rows", text);
        Assert.Contains("fit seed      9", text);
        Assert.Contains("0 <= age <= 120", text);
        Assert.Contains("no differential privacy", text);
        Assert.Matches(@"age\s+numerical\s+numeric\s+[0-9.]+ KiB\s+Knots: ", text);
        Assert.Matches(@"sex\s+categorical\s+categorical\s+[0-9]+ B\s+Categories: 2; Levels: 2; Shares: 2", text);
    }

    // Without learned rules (education -> education-num would make any model format version 6), each synthesizer's own version.
    [Theory]
    [InlineData("sequential-tree", 2, "nodes")]
    [InlineData("bayesian-network", 3, "Table.Counts")]
    public void Model_Json_DescribesEveryColumn(string synthesizer, int version, string holds)
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--synthesizer", synthesizer, "--no-learned-rules", "-q").Code);
        var (code, json, _, _) = _cli.Run("model", model, "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(synthesizer, root.GetProperty("synthesizer").GetString());
        Assert.Equal(version, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(new FileInfo(model).Length, root.GetProperty("fileBytes").GetInt64());
        Assert.Equal(3_257, root.GetProperty("trainingRows").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("source").GetProperty("dataSha256").GetString()!);
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(15, columns.Count);
        Assert.All(columns, c => Assert.True(c.GetProperty("bytes").GetInt64() > 0));
        // The columns' parts add up to less than the file (which also holds metadata and options).
        Assert.True(columns.Sum(c => c.GetProperty("bytes").GetInt64()) < new FileInfo(model).Length);
        Assert.Contains(columns, c => c.GetProperty("holds").EnumerateArray().Any(h => h.GetString()!.Contains(holds, StringComparison.Ordinal)));
        if (synthesizer == "bayesian-network") // which columns each conditional table depends on, by name
            Assert.Contains(columns, c => c.GetProperty("holds").EnumerateArray().Any(h => h.GetString()!.StartsWith("parents: ", StringComparison.Ordinal)
                && h.GetString()!["parents: ".Length..].Split(", ").All(name => columns.Any(o => o.GetProperty("name").GetString() == name))));
    }

    [Fact]
    public void Model_DifferentiallyPrivate_ShowsTheBudget()
    {
        string model = _cli.PathOf("dp.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--epsilon", "1", "-q").Code);
        var (code, text, _, _) = _cli.Run("model", model);
        Assert.Equal(0, code);
        Assert.Contains("format version 4", text);
        Assert.Contains("(1, 1E-09)-differential privacy", text);
        Assert.Contains("a differentially private estimate", text);
        var root = JsonDocument.Parse(_cli.Run("model", model, "--json").Out).RootElement;
        Assert.Equal(1.0, root.GetProperty("privacy").GetProperty("epsilon").GetDouble());
    }

    [Fact]
    public void Model_NotAModel_IsExit5()
    {
        var (code, _, error, _) = _cli.Run("model", _cli.Write("x.doppel", "hello"));
        Assert.Equal(5, code);
        Assert.Contains("not a Doppel model", error);
    }
}
