using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Doppel.Cli.Tests;

public class SequenceCliTests
{
    private static string Series(CliRunner cli, bool nullOrder = false)
    {
        var text = new StringBuilder("sensor,step,temp\n");
        for (int e = 0; e < 3; e++)
            for (int t = 0; t < 200; t++)
                text.Append(CultureInfo.InvariantCulture, $"S{e},{(nullOrder && e == 1 && t == 7 ? "" : (t + 1).ToString(CultureInfo.InvariantCulture))},{10 + 5 * Math.Sin(t / 4.0) + e:0.00}\n");
        return cli.Write("readings.csv", text.ToString());
    }

    [Fact]
    public void Generate_SingleFileSequence_ExtendsEveryRealSeries()
    {
        var cli = new CliRunner();
        string input = Series(cli);
        var (code, _, error, _) = cli.Run("generate", input, "--sequence", "readings(sensor):step", "--extend", "5", "--seed", "1", "-o", cli.PathOf("out"));
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(Path.Combine(cli.PathOf("out"), "readings.csv")).Skip(1).ToList();
        Assert.Equal(15, lines.Count);
        foreach (var group in lines.GroupBy(l => l.Split(',')[0]))
            Assert.Equal(["201", "202", "203", "204", "205"], group.Select(l => l.Split(',')[1]));
    }

    [Fact]
    public void Fit_OrderWithNull_Exits3NamingTableColumnAndRow()
    {
        var cli = new CliRunner();
        var (code, _, error, _) = cli.Run("fit", Series(cli, nullOrder: true), "--sequence", "readings(sensor):step", "-o", cli.PathOf("m.doppel"));
        Assert.Equal(3, code);
        Assert.Contains("'readings', order column 'step' is empty in row 208", error, StringComparison.Ordinal);
    }

    /// <summary>Players (L or R) and their seasons: left-handers play 8 seasons, right-handers 2.</summary>
    private static string Careers(CliRunner cli)
    {
        var players = new StringBuilder("id,bats\n");
        var seasons = new StringBuilder("players_id,year,G\n");
        for (int p = 0; p < 120; p++)
        {
            bool left = p % 3 == 0;
            players.Append(CultureInfo.InvariantCulture, $"p{1000 + p},{(left ? "L" : "R")}\n");
            for (int s = 0; s < (left ? 8 : 2); s++) seasons.Append(CultureInfo.InvariantCulture, $"p{1000 + p},{1990 + p % 7 + s},{20 + (p * 7 + s * 3) % 40}\n");
        }
        Directory.CreateDirectory(cli.PathOf("careers"));
        cli.Write(Path.Combine("careers", "players.csv"), players.ToString());
        cli.Write(Path.Combine("careers", "seasons.csv"), seasons.ToString());
        return cli.PathOf("careers");
    }

    [Fact]
    public void Generate_WhereOnTheContext_EveryEntityMeetsItAndItsSequencesFollow()
    {
        var cli = new CliRunner();
        string input = Careers(cli);
        var (code, _, error, _) = cli.Run("generate", input, "--sequence", "seasons:year", "--where", "players: bats = 'L'", "--seed", "3", "-o", cli.PathOf("out"));
        Assert.True(code == 0, error);
        var bats = File.ReadAllLines(Path.Combine(cli.PathOf("out"), "players.csv")).Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Equal(120, bats.Count);
        Assert.All(bats, b => Assert.Equal("L", b));
        // Lengths follow the context: a left-hander's career is 8 seasons (all 40 real ones), a right-hander's 2.
        var lengths = File.ReadAllLines(Path.Combine(cli.PathOf("out"), "seasons.csv")).Skip(1).GroupBy(l => l.Split(',')[0]).Select(g => g.Count()).ToList();
        Assert.True(lengths.Average() > 6, $"mean career {lengths.Average():0.00} seasons");
    }

    [Fact]
    public void Evaluate_SequenceDatabase_ReportsSequencesInJsonAndHtml()
    {
        var cli = new CliRunner();
        string input = Careers(cli);
        // The holdout: the same careers under other ids, so its accuracy ceiling is exactly 1.
        Directory.CreateDirectory(cli.PathOf("holdout"));
        foreach (string file in new[] { "players.csv", "seasons.csv" })
            File.WriteAllText(Path.Combine(cli.PathOf("holdout"), file), File.ReadAllText(Path.Combine(input, file)).Replace("p1", "h1", StringComparison.Ordinal));
        var generated = cli.Run("generate", input, "--sequence", "seasons:year", "--seed", "1", "-o", cli.PathOf("out"));
        Assert.True(generated.Code == 0, generated.Error);
        var (code, _, error, _) = cli.Run("evaluate", "--real", input, "--synthetic", cli.PathOf("out"), "--holdout", cli.PathOf("holdout"),
            "--sequence", "seasons:year", "--lags", "1,2", "--json", cli.PathOf("report.json"), "-o", cli.PathOf("report.html"));
        Assert.True(code == 0, error);
        Assert.Contains("Sequences seasons: accuracy", error, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(cli.PathOf("report.json")));
        var sequence = json.RootElement.GetProperty("sequences")[0];
        Assert.Equal("seasons", sequence.GetProperty("table").GetString());
        Assert.Equal(120, sequence.GetProperty("realEntities").GetInt32());
        Assert.Equal(1, sequence.GetProperty("accuracyCeiling").GetProperty("overall").GetDouble(), 9);
        Assert.InRange(sequence.GetProperty("accuracy").GetProperty("overall").GetDouble(), 0.5, 1);
        Assert.Equal(1, sequence.GetProperty("orderHolds").GetDouble());
        Assert.Equal(JsonValueKind.Number, sequence.GetProperty("entityDcrShare").ValueKind);
        Assert.Equal([1, 2], sequence.GetProperty("autocorrelation").EnumerateArray().Select(a => a.GetProperty("lag").GetInt32()).Distinct());
        string html = File.ReadAllText(cli.PathOf("report.html"));
        Assert.Contains("Sequences: seasons", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"steps histogram\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateAndEvaluate_ExistingOutputs_AreRefusedBeforeAnyWork()
    {
        var cli = new CliRunner();
        string input = Careers(cli);
        var first = cli.Run("generate", input, "--sequence", "seasons:year", "--seed", "1", "-o", cli.PathOf("out"));
        Assert.True(first.Code == 0, first.Error);
        var again = cli.Run("generate", input, "--sequence", "seasons:year", "--seed", "1", "-o", cli.PathOf("out"));
        Assert.NotEqual(0, again.Code);
        Assert.Contains("already exists. Pass --force to replace it.", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Fitted", again.Error, StringComparison.Ordinal); // refused before the fit, not after it
        File.WriteAllText(cli.PathOf("r.json"), "{}");
        var evaluate = cli.Run("evaluate", "--real", input, "--synthetic", cli.PathOf("out"), "--sequence", "seasons:year", "--json", cli.PathOf("r.json"));
        Assert.NotEqual(0, evaluate.Code);
        Assert.Contains("r.json already exists. Pass --force to replace it.", evaluate.Error, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(cli.PathOf("r.json")));
    }

    [Fact]
    public void Evaluate_BadLags_IsAUsageErrorAndWritesNothing()
    {
        var cli = new CliRunner();
        string input = Careers(cli);
        var (code, _, error, _) = cli.Run("evaluate", "--real", input, "--synthetic", input, "--sequence", "seasons:year", "--lags", "1,0", "--json", cli.PathOf("r.json"));
        Assert.Equal(2, code);
        Assert.Contains("--lags '1,0' is not a list of whole numbers of 1 or more", error, StringComparison.Ordinal);
        var window = cli.Run("evaluate", "--real", input, "--synthetic", input, "--sequence", "seasons:year", "--window", "1", "--json", cli.PathOf("r.json"));
        Assert.Equal(2, window.Code);
        Assert.Contains("--window 1: a window holds 2 steps or more", window.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("r.json")));
    }

    [Fact]
    public void Generate_WhereOnASequenceOrUnknownTable_IsAUsageErrorAndWritesNothing()
    {
        var cli = new CliRunner();
        string input = Careers(cli);
        var child = cli.Run("generate", input, "--sequence", "seasons:year", "--where", "seasons: G > 30", "-o", cli.PathOf("a"));
        Assert.Equal(2, child.Code);
        Assert.Contains("'seasons' is a child of 'players'", child.Error, StringComparison.Ordinal);
        var unknown = cli.Run("generate", input, "--sequence", "seasons:year", "--where", "teams: x = 1", "-o", cli.PathOf("b"));
        Assert.Equal(2, unknown.Code);
        Assert.Contains("'teams', which the model does not have", unknown.Error, StringComparison.Ordinal);
        var malformed = cli.Run("generate", input, "--sequence", "seasons:year", "--where", "bats = 'L'", "-o", cli.PathOf("c"));
        Assert.Equal(2, malformed.Code);
        Assert.Contains("is not \"TABLE: CONDITION\"", malformed.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("a")) || Directory.Exists(cli.PathOf("b")) || Directory.Exists(cli.PathOf("c")));
    }
    /// <summary>Machines cycling off, warm, on; one real step in 40 jumps from off straight to on.</summary>
    private static string Machines(CliRunner cli)
    {
        string[] cycle = ["off", "warm", "on"];
        var text = new StringBuilder("machine,step,status\n");
        for (int m = 0; m < 30; m++)
            for (int t = 0; t < 40; t++)
            {
                string status = m % 5 == 0 && t % 40 == 13 ? "on" : cycle[t % 3];
                text.Append(CultureInfo.InvariantCulture, $"M{m},{t + 1},{status}\n");
            }
        return cli.Write("machines.csv", text.ToString());
    }

    [Fact]
    public void Generate_DeclaredTransitions_EveryGeneratedStepFollowsThem()
    {
        var cli = new CliRunner();
        var (code, _, error, _) = cli.Run("generate", Machines(cli), "--sequence", "machines(machine):step",
            "--transitions", "machines.status: off -> warm, warm -> on, on -> off", "--seed", "2", "-o", cli.PathOf("out"));
        Assert.True(code == 0, error);
        var allowed = new HashSet<string> { "off>warm", "warm>on", "on>off" };
        var rows = File.ReadAllLines(Path.Combine(cli.PathOf("out"), "machines.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count > 100, $"{rows.Count} rows");
        int steps = 0;
        foreach (var machine in rows.GroupBy(r => r[0]))
            foreach (var (before, after) in machine.Zip(machine.Skip(1)))
            {
                Assert.Contains($"{before[2]}>{after[2]}", allowed);
                steps++;
            }
        Assert.True(steps > 100, $"{steps} steps");
    }

    [Fact]
    public void Generate_TransitionsOnAPlainTableOrUnknownValue_FailsClearlyAndWritesNothing()
    {
        var cli = new CliRunner();
        string input = Machines(cli);
        var plain = cli.Run("generate", input, "--transitions", "machines.status: off -> warm", "-o", cli.PathOf("a"));
        Assert.Equal(2, plain.Code);
        Assert.Contains("declare it with --sequence first", plain.Error, StringComparison.Ordinal);
        var unknown = cli.Run("generate", input, "--sequence", "machines(machine):step", "--transitions", "machines.status: off -> broken", "-o", cli.PathOf("b"));
        Assert.NotEqual(0, unknown.Code);
        Assert.Contains("broken", unknown.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unknown.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("a")) || Directory.Exists(cli.PathOf("b")));
    }
}
