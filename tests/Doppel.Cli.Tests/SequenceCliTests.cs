using System.Globalization;
using System.Text;

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
}
