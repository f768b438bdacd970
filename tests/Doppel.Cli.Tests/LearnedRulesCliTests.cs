using System.Globalization;

namespace Doppel.Cli.Tests;

public class LearnedRulesCliTests
{
    private readonly CliRunner _cli = new();

    /// <summary>400 trips: a pickup every 7 minutes or so and a dropoff 3 to 40 minutes later.</summary>
    private string Trips()
    {
        string path = _cli.PathOf("trips.csv");
        var start = new DateTime(2019, 3, 1, 6, 0, 0);
        var lines = new List<string> { "pickup,dropoff,fare" };
        for (int i = 0; i < 400; i++)
        {
            var pickup = start.AddSeconds(i * 431 + (i * 7919 % 300));
            var dropoff = pickup.AddSeconds(180 + (i * 104729 % 2220));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{pickup:yyyy-MM-dd HH:mm:ss},{dropoff:yyyy-MM-dd HH:mm:ss},{5 + i % 37 * 0.5:0.00}"));
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void InspectAndGenerate_ReportTheLearnedOrder_AndKeepIt()
    {
        string trips = Trips();
        var inspect = _cli.Run("inspect", trips);
        Assert.True(inspect.Code == 0, inspect.Error);
        Assert.Contains("rule: pickup <= dropoff (learned: 400 of 400 real rows keep it)", inspect.Error, StringComparison.Ordinal);

        string output = _cli.PathOf("out.csv");
        var generate = _cli.Run("generate", trips, "-o", output, "--rows", "2000", "--seed", "3");
        Assert.True(generate.Code == 0, generate.Error);
        Assert.Contains("Rule kept by construction: pickup <= dropoff (learned", generate.Error, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(output).Skip(1), line =>
        {
            var f = line.Split(',');
            Assert.True(string.CompareOrdinal(f[0], f[1]) <= 0, line); // ISO timestamps order as text
        });
    }

    [Fact]
    public void Generate_NoLearnedRules_LearnsNone()
    {
        var generate = _cli.Run("generate", Trips(), "-o", _cli.PathOf("out.csv"), "--rows", "100", "--seed", "3", "--no-learned-rules");
        Assert.True(generate.Code == 0, generate.Error);
        Assert.DoesNotContain("Rule kept by construction", generate.Error, StringComparison.Ordinal);
    }
}
