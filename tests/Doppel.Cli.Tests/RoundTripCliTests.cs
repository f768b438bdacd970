using System.Globalization;
using System.Text;

namespace Doppel.Cli.Tests;

/// <summary>The CLI keeps the input's written forms and reads its null tokens (issue #10 §3).</summary>
public class RoundTripCliTests
{
    private readonly CliRunner _cli = new();

    private string BankLike(int rows)
    {
        var text = new StringBuilder("age,balance,visits,y\n");
        for (int i = 0; i < rows; i++)
            text.Append(CultureInfo.InvariantCulture, $"{20 + i % 50},{i % 10 * 12.5:0.00},{(i % 13 == 0 ? "n/a" : (i % 7).ToString(CultureInfo.InvariantCulture))},{(i % 8 == 0 ? "yes" : "no")}\n");
        return _cli.Write("bank.csv", text.ToString());
    }

    [Fact]
    public void Generate_WhereAndRebalance_WriteYesNoAsTheInput()
    {
        string input = BankLike(800);

        var where = _cli.Run("generate", input, "--rows", "200", "--seed", "1", "--where", "y = 'yes'", "-o", "-", "--quiet");
        var rebalanced = _cli.Run("generate", input, "--rows", "200", "--seed", "1", "--rebalance", "y", "-o", "-", "--quiet");

        Assert.True(where.Code == 0, where.Error);
        Assert.True(rebalanced.Code == 0, rebalanced.Error);
        var rows = CliRunner.Text(where.Stdout).TrimEnd('\n').Split('\n').Skip(1).ToArray();
        Assert.Equal(200, rows.Length);
        Assert.All(rows, r => Assert.EndsWith(",yes", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches(@"^\d+,\d+\.\d\d,\d*,yes$", r));
        var classes = CliRunner.Text(rebalanced.Stdout).TrimEnd('\n').Split('\n').Skip(1).Select(r => r[(r.LastIndexOf(',') + 1)..]).ToArray();
        Assert.Equal(100, classes.Count(c => c == "yes"));
        Assert.Equal(100, classes.Count(c => c == "no"));
    }

    [Fact]
    public void Inspect_NullToken_DecidesWhatIsMissing()
    {
        string input = BankLike(200);

        var byDefault = _cli.Run("inspect", input, "--quiet");
        var strict = _cli.Run("inspect", input, "--null-token", "", "-o", _cli.PathOf("meta.json"));

        Assert.Contains("\"name\": \"visits\",\n          \"type\": \"numerical\"", byDefault.Out, StringComparison.Ordinal);
        Assert.Equal(0, strict.Code);
        Assert.Contains("\"name\": \"visits\",\n          \"type\": \"categorical\"", File.ReadAllText(_cli.PathOf("meta.json")), StringComparison.Ordinal);
        Assert.Single(strict.Error.Split('\n'), l => l.Contains("'visits'", StringComparison.Ordinal) && l.Contains("'n/a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ColumnWithNoFrequentCategory_WritesNoRareTokenAndSaysWhy()
    {
        var text = new StringBuilder("code,n\n");
        for (int i = 0; i < 60; i++) text.Append(CultureInfo.InvariantCulture, $"K-{i / 3:00},{i % 4}\n"); // 20 codes, 3 rows each
        string input = _cli.Write("codes.csv", text.ToString());

        var run = _cli.Run("generate", input, "--rows", "300", "--seed", "2", "-o", _cli.PathOf("out.csv"));

        Assert.True(run.Code == 0, run.Error);
        var codes = File.ReadAllLines(_cli.PathOf("out.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.DoesNotContain("_RARE_", codes);
        Assert.All(codes, c => Assert.Matches(@"^[A-Z]-\d\d$", c));
        Assert.Single(run.Error.Split('\n'), l => l.Contains("warning: Column 'code'", StringComparison.Ordinal) && l.Contains("fresh values", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gaussian-copula")]
    [InlineData("sequential-tree")]
    [InlineData("bayesian-network")]
    public void Generate_NumericColumnWithTooFewValues_IsNullAndSaysWhy(string synthesizer)
    {
        var text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 200; i++) text.Append(CultureInfo.InvariantCulture, $"{i % 37},{(i % 20 == 0 ? (1000 + i).ToString(CultureInfo.InvariantCulture) : "")},{(i % 3 == 0 ? "x" : "y")}\n"); // b: 10 values
        string input = _cli.Write("sparse.csv", text.ToString());

        var run = _cli.Run("generate", input, "--synthesizer", synthesizer, "--rows", "300", "--seed", "2", "-o", _cli.PathOf("out.csv"));

        Assert.True(run.Code == 0, run.Error);
        Assert.All(File.ReadAllLines(_cli.PathOf("out.csv")).Skip(1), l => Assert.Equal("", l.Split(',')[1]));
        Assert.Single(run.Error.Split('\n'), l => l.Contains("warning: Column 'b' has 10 values", StringComparison.Ordinal) && l.Contains("all null", StringComparison.Ordinal));
        Assert.DoesNotContain("Column 'a'", run.Error, StringComparison.Ordinal);
    }
}
