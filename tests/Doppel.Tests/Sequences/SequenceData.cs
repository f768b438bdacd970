using System.Globalization;
using System.Text;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sampling;
using Doppel.Sequences;

namespace Doppel.Tests.Sequences;

/// <summary>
/// Small sequence databases written for the tests: players ← seasons (order year, several stints a year in some
/// careers, a running total, a team that only moves to the next team or stays), and a single series.
/// </summary>
internal static class SequenceData
{
    public const int Teams = 6;

    /// <summary>A folder with players.csv and seasons.csv; <paramref name="ties"/> gives some careers two stints in one year.</summary>
    public static string Baseball(int players = 150, bool ties = true, bool shuffle = false, ulong seed = 7)
    {
        var random = new RandomStream(seed, 0);
        var people = new StringBuilder("id,height,country\n");
        var rows = new List<string>();
        for (int p = 0; p < players; p++)
        {
            double height = 70 + 4 * random.NextNormal();
            people.Append(CultureInfo.InvariantCulture, $"p{1000 + p},{height:0.0},{(p % 3 == 0 ? "USA" : p % 3 == 1 ? "CAN" : "DOM")}\n");
            int length = random.NextInt(9); // 0 to 8 seasons, 1-step careers included
            int year = 1950 + random.NextInt(40), team = random.NextInt(Teams), total = 0;
            double skill = 20 + height - 70 + 10 * random.NextDouble();
            for (int s = 0; s < length; s++)
            {
                if (s > 0)
                {
                    double u = random.NextDouble();
                    year += ties && u < 0.15 ? 0 : u < 0.85 ? 1 : 2;
                    if (random.NextDouble() < 0.3) team = (team + 1) % Teams;
                }
                int games = Math.Max(1, (int)(skill + 8 * random.NextNormal()));
                total += games;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"p{1000 + p},{year},{games},{total},T{team}"));
            }
        }
        if (shuffle)
            for (int i = rows.Count - 1; i > 0; i--) { int j = random.NextInt(i + 1); (rows[i], rows[j]) = (rows[j], rows[i]); }
        string folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, "players.csv"), people.ToString());
        File.WriteAllText(Path.Combine(folder, "seasons.csv"), "players_id,year,G,total,team\n" + string.Join("\n", rows) + "\n");
        return folder;
    }

    /// <summary>One CSV of <paramref name="series"/> hourly series (<paramref name="series"/> = 0: no entity column) with a daily cycle, and hourly noise of SD <paramref name="noise"/>.</summary>
    public static string Series(int steps, int series = 0, ulong seed = 3, double noise = 0.3)
    {
        var random = new RandomStream(seed, 0);
        var text = new StringBuilder(series > 0 ? "sensor,step,hour,temp\n" : "step,hour,temp\n");
        for (int e = 0; e < Math.Max(1, series); e++)
        {
            double temp = 10;
            for (int t = 0; t < steps; t++)
            {
                int hour = t % 24;
                temp = 0.9 * temp + 0.1 * (10 + 5 * Math.Sin(hour / 24.0 * 2 * Math.PI)) + noise * random.NextNormal();
                text.Append(series > 0 ? $"S{e}," : "").Append(CultureInfo.InvariantCulture, $"{t + 1},{hour},{temp:0.00}\n");
            }
        }
        string path = Path.Combine(NewFolder(), "readings.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static Database Read(string location, params string[] sequences)
    {
        using var source = FolderDatabase.Open(location);
        var metadata = SequenceDeclaration.Apply(source.ReadMetadata(), sequences);
        return Database.Read(source, metadata);
    }

    private static string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "doppel-seq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
