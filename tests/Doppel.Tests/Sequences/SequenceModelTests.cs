using Doppel.Data;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Tests.Sequences;

public class SequenceModelTests
{
    private static (string? Entity, double Order)[] Steps(Table seasons, string entity, string order)
    {
        var keys = KeyValues.Texts(seasons[entity]);
        var values = StepColumns.Numbers(seasons[order]);
        return [.. keys.Select((k, i) => (k, values[i]))];
    }

    /// <summary>Per entity, its rows in output order.</summary>
    private static Dictionary<string, List<int>> ByEntity(Table table, string entity)
    {
        var result = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keys = KeyValues.Texts(table[entity]);
        for (int i = 0; i < keys.Length; i++) { if (!result.TryGetValue(keys[i] ?? "", out var list)) result[keys[i] ?? ""] = list = []; list.Add(i); }
        return result;
    }

    [Fact]
    public void Baseball_Sampled_KeepsOrderTiesRunningTotalAndTransitions()
    {
        var real = SequenceData.Read(SequenceData.Baseball(), "seasons:year");
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Evidence = evidence });
        Assert.Contains(evidence, e => e.Contains("ties", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Contains("never decreasing", StringComparison.Ordinal) && e.Contains("total", StringComparison.Ordinal));
        var synthetic = model.Sample(new DatabaseSampleOptions { Seed = 5 });
        var seasons = synthetic["seasons"];
        Assert.InRange(seasons.RowCount, real["seasons"].RowCount * 0.7, real["seasons"].RowCount * 1.3);
        var year = StepColumns.Numbers(seasons["year"]);
        var total = StepColumns.Numbers(seasons["total"]);
        var team = KeyValues.Texts(seasons["team"]);
        int ties = 0;
        foreach (var rows in ByEntity(seasons, "players_id").Values)
            for (int i = 1; i < rows.Count; i++)
            {
                Assert.True(year[rows[i]] >= year[rows[i - 1]], "the order never decreases");
                if (year[rows[i]] == year[rows[i - 1]]) ties++;
                Assert.True(total[rows[i]] >= total[rows[i - 1]], "a running total never decreases");
                int from = int.Parse(team[rows[i - 1]]![1..]), to = int.Parse(team[rows[i]]![1..]);
                Assert.True(to == from || to == (from + 1) % SequenceData.Teams, $"unseen transition T{from} -> T{to}");
            }
        Assert.True(ties > 0, "the real data has ties, so they are generated too");
    }

    [Fact]
    public void NoTies_OrderStrictlyIncreases()
    {
        var real = SequenceData.Read(SequenceData.Baseball(ties: false), "seasons:year");
        var seasons = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 2 })["seasons"];
        var year = StepColumns.Numbers(seasons["year"]);
        foreach (var rows in ByEntity(seasons, "players_id").Values)
            for (int i = 1; i < rows.Count; i++) Assert.True(year[rows[i]] > year[rows[i - 1]]);
    }

    [Fact]
    public void Sample_AnyThreadCount_IsIdentical()
    {
        var model = DatabaseSynthesizer.Fit(SequenceData.Read(SequenceData.Baseball(), "seasons:year"));
        var one = model.Sample(new DatabaseSampleOptions { Seed = 9, Threads = 1, Extend = 2 })["seasons"];
        var four = model.Sample(new DatabaseSampleOptions { Seed = 9, Threads = 4, Extend = 2 })["seasons"];
        Assert.Equal(one.RowCount, four.RowCount);
        foreach (var column in one.Columns) Assert.Equal(KeyValues.Texts(column), KeyValues.Texts(four[column.Name]));
    }

    [Fact]
    public void Entities_SetsTheContextRows()
    {
        var model = DatabaseSynthesizer.Fit(SequenceData.Read(SequenceData.Baseball(), "seasons:year"));
        var synthetic = model.Sample(new DatabaseSampleOptions { Seed = 1, Entities = 40 });
        Assert.Equal(40, synthetic["players"].RowCount);
    }

    [Fact]
    public void Extend_ContinuesEveryRealEntity()
    {
        var real = SequenceData.Read(SequenceData.Baseball(), "seasons:year");
        var extended = DatabaseSynthesizer.Fit(real).Extend(real, 3, new DatabaseSampleOptions { Seed = 4 });
        var lastReal = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (entity, order) in Steps(real["seasons"], "players_id", "year"))
            lastReal[entity!] = Math.Max(lastReal.GetValueOrDefault(entity!, double.MinValue), order);
        var added = ByEntity(extended["seasons"], "players_id");
        Assert.Equal(real["players"].RowCount, added.Count); // players without seasons start theirs
        var year = StepColumns.Numbers(extended["seasons"]["year"]);
        foreach (var (entity, rows) in added)
        {
            Assert.Equal(3, rows.Count);
            if (lastReal.TryGetValue(entity, out double last)) Assert.True(year[rows[0]] >= last, $"{entity} continues after {last}, not at {year[rows[0]]}");
            for (int i = 1; i < rows.Count; i++) Assert.True(year[rows[i]] >= year[rows[i - 1]]);
        }
        Assert.Equal(real["players"].RowCount, extended["players"].RowCount);
    }

    [Fact]
    public void UnsortedInput_IsSortedAndReported()
    {
        var real = SequenceData.Read(SequenceData.Baseball(shuffle: true), "seasons:year");
        var evidence = new List<string>();
        var seasons = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Evidence = evidence }).Sample(new DatabaseSampleOptions { Seed = 3 })["seasons"];
        Assert.Contains(evidence, e => e.Contains("not in order", StringComparison.Ordinal));
        var year = StepColumns.Numbers(seasons["year"]);
        foreach (var rows in ByEntity(seasons, "players_id").Values)
            for (int i = 1; i < rows.Count; i++) Assert.True(year[rows[i]] >= year[rows[i - 1]]);
    }

    [Fact]
    public void OrderWithNull_IsRefusedNamingTableColumnAndRow()
    {
        string folder = SequenceData.Baseball();
        var lines = File.ReadAllLines(Path.Combine(folder, "seasons.csv"));
        var parts = lines[5].Split(',');
        parts[1] = "";
        lines[5] = string.Join(",", parts);
        File.WriteAllLines(Path.Combine(folder, "seasons.csv"), lines);
        var error = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(SequenceData.Read(folder, "seasons:year")));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'seasons'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'year'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntityMissingItsContextRow_IsRefused()
    {
        string folder = SequenceData.Baseball();
        File.AppendAllText(Path.Combine(folder, "seasons.csv"), "nobody,1990,10,10,T1\n");
        var error = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(SequenceData.Read(folder, "seasons:year")));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleSeriesWithoutEntityColumn_IsOneEntity()
    {
        string file = SequenceData.Series(600);
        var real = SequenceData.Read(file, "readings:step");
        var readings = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 1 })["readings"];
        Assert.Equal(600, readings.RowCount);
        var step = StepColumns.Numbers(readings["step"]);
        for (int i = 1; i < step.Length; i++) Assert.Equal(step[i - 1] + 1, step[i]); // the regular grid is kept
        Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 1, Entities = 2 }));
    }

    [Fact]
    public void EntityOwnColumn_SeriesGetTheirOwnKeys()
    {
        var real = SequenceData.Read(SequenceData.Series(300, series: 3), "readings(sensor):step");
        var readings = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 1, Entities = 5 })["readings"];
        var series = ByEntity(readings, "sensor");
        Assert.Equal(5, series.Count);
        Assert.All(series.Values, rows => Assert.Equal(300, rows.Count));
    }

    [Fact]
    public void EntityWith100000Steps_FitsAndSamplesInOrder()
    {
        var real = SequenceData.Read(SequenceData.Series(100_000, series: 1), "readings(sensor):step");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var readings = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 1 })["readings"];
        Assert.Equal(100_000, readings.RowCount);
        var step = StepColumns.Numbers(readings["step"]);
        for (int i = 1; i < step.Length; i++) Assert.True(step[i] > step[i - 1]);
        Assert.True(watch.Elapsed.TotalSeconds < 120, $"took {watch.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public void HourOfDay_IsLearnedAsAClockAndNeverSkipsOrRepeats()
    {
        // Three sensors of 300 hourly steps: hour = step mod 24, so every hour is always followed by the next one.
        var real = SequenceData.Read(SequenceData.Series(300, series: 3), "readings(sensor):step");
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Evidence = evidence });
        Assert.Contains(evidence, e => e.Contains("column 'hour' moves along a fixed cycle of 24 values", StringComparison.Ordinal));
        Assert.DoesNotContain(evidence, e => e.Contains("column 'temp' moves along", StringComparison.Ordinal));
        var readings = model.Sample(new DatabaseSampleOptions { Seed = 4 })["readings"];
        foreach (var rows in ByEntity(readings, "sensor").Values)
        {
            var hour = StepColumns.Numbers(Doppel.Data.TableRows.Select(readings, rows)["hour"]);
            for (int t = 1; t < hour.Length; t++) Assert.Equal((hour[t - 1] + 1) % 24, hour[t]);
        }
    }

    [Fact]
    public void SmoothColumn_IsDrawnAsItsChangeAndKeepsTheDailyCycleAndItsPrecision()
    {
        // temp follows a daily cycle with lag-1 autocorrelation near 1; hour is a clock, not smooth.
        var real = SequenceData.Read(SequenceData.Series(24 * 40, series: 3, noise: 0.05), "readings(sensor):step");
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Evidence = evidence });
        Assert.True(evidence.Any(e => e.Contains("drawn as the change from the step before: temp.", StringComparison.Ordinal)), string.Join("\n", evidence));
        var readings = model.Sample(new DatabaseSampleOptions { Seed = 2, Threads = 1 })["readings"];
        var temp = StepColumns.Numbers(readings["temp"]);
        Assert.Equal(temp, StepColumns.Numbers(model.Sample(new DatabaseSampleOptions { Seed = 2, Threads = 4 })["readings"]["temp"])); // whatever the threads
        var realTemp = StepColumns.Numbers(real["readings"]["temp"]);
        Assert.All(temp, v => Assert.Equal(Math.Round(v, 2), v)); // two decimals, as written
        Assert.All(temp, v => Assert.InRange(v, realTemp.Min(), realTemp.Max()));
        // The daily profile survives: the spread of the hourly means is within a third of the real one.
        double Spread(Doppel.Data.Table t)
        {
            var hour = StepColumns.Numbers(t["hour"]);
            var x = StepColumns.Numbers(t["temp"]);
            var means = Enumerable.Range(0, 24).Select(h => Enumerable.Range(0, x.Length).Where(i => hour[i] == h).Average(i => x[i])).ToArray();
            return means.Max() - means.Min();
        }
        double realSpread = Spread(real["readings"]), synSpread = Spread(readings);
        Assert.InRange(synSpread, realSpread * 2 / 3, realSpread * 4 / 3);
    }

    [Fact]
    public void CalendarParts_AdvanceByTheirStepThroughMonthEnds()
    {
        // Six sensors (a start held by at least 5 series is kept), hourly from 2016-02-20 for 40 days: through a leap day and
        // into March, as year/month/day/hour columns.
        var text = new System.Text.StringBuilder("sensor,No,year,month,day,hour,temp\n");
        var random = new Doppel.Sampling.RandomStream(9, 0);
        for (int e = 0; e < 6; e++)
            for (int t = 0; t < 24 * 40; t++)
            {
                var time = new DateTime(2016, 2, 20).AddHours(t);
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"S{e},{t + 1},{time.Year},{time.Month},{time.Day},{time.Hour},{10 + 5 * Math.Sin(time.Hour / 24.0 * 2 * Math.PI) + random.NextNormal():0.0}\n");
            }
        string folder = Path.Combine(Path.GetTempPath(), "doppel-calendar-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "readings.csv"), text.ToString());
        var real = SequenceData.Read(Path.Combine(folder, "readings.csv"), "readings(sensor):No@1");
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(real, new DatabaseSynthesizerOptions { Evidence = evidence });
        Assert.Contains(evidence, e => e.Contains("columns year, month, day, hour spell each step's time, 01:00:00 apart", StringComparison.Ordinal) && e.Contains("first steps get them from their order", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Contains("100 % of the series start at 1", StringComparison.Ordinal));
        var readings = model.Sample(new DatabaseSampleOptions { Seed = 3 })["readings"];
        foreach (var rows in ByEntity(readings, "sensor").Values)
        {
            var steps = Doppel.Data.TableRows.Select(readings, rows);
            string[] parts = ["year", "month", "day", "hour"];
            var values = parts.Select(p => Doppel.Relational.KeyValues.Texts(steps[p]).Select(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var times = Enumerable.Range(0, rows.Count).Select(t => new DateTime(values[0][t], values[1][t], values[2][t], values[3][t], 0, 0)).ToArray();
            for (int t = 1; t < times.Length; t++) Assert.Equal(times[t - 1].AddHours(1), times[t]);
            // The time is a line in No in every real row, so every synthetic row (the first included) keeps that line.
            var no = StepColumns.Numbers(steps["No"]);
            Assert.Equal(1, no[0]); // every real series starts at No 1, so every generated one does
            for (int t = 0; t < times.Length; t++) Assert.Equal(new DateTime(2016, 2, 20).AddHours(no[t] - 1), times[t]);
        }
    }

    [Fact]
    public void SmoothColumn_WithAFewImputedValues_IsWrittenInTheCommonPrecision()
    {
        // One value in 20 carries 13 decimals (an imputed mean, as in beijing's TEMP); the rest two.
        string file = SequenceData.Series(24 * 40, series: 3, noise: 0.05);
        var lines = File.ReadAllLines(file);
        for (int i = 1; i < lines.Length; i += 20)
        {
            var cells = lines[i].Split(',');
            cells[^1] = (double.Parse(cells[^1], System.Globalization.CultureInfo.InvariantCulture) + 1 / 3.0).ToString("0.0000000000000", System.Globalization.CultureInfo.InvariantCulture);
            lines[i] = string.Join(',', cells);
        }
        File.WriteAllLines(file, lines);
        var real = SequenceData.Read(file, "readings(sensor):step");
        var readings = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 5 })["readings"];
        var temp = StepColumns.Numbers(readings["temp"]);
        double twoDecimals = temp.Count(v => Math.Round(v, 2) == v) / (double)temp.Length;
        Assert.True(twoDecimals >= 0.9, $"{twoDecimals:P1} of the synthetic temperatures have at most two decimals");
    }
}
