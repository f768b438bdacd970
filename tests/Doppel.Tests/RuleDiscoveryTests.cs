using Doppel.Data;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Rules;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Trees;

namespace Doppel.Tests;

/// <summary>Orders found at fit time (or declared) and kept by modelling the gap.</summary>
public class RuleDiscoveryTests
{
    private const int Rows = 4_000;

    /// <summary>
    /// Taxi-like trips: a pickup time over a month, a dropoff a log-normal duration later (median 11 minutes, whole
    /// seconds) that grows with the distance, a few trips recorded the wrong way round, and two numbers whose order is
    /// implied by their ranges (a count of 1..5 and an amount of 100..200).
    /// </summary>
    private static (Table Table, TableMetadata Metadata) Trips(int backwards = 4)
    {
        var random = new RandomStream(21, 0);
        var pickup = new long[Rows];
        var dropoff = new long[Rows];
        var distance = new double[Rows];
        var count = new double[Rows];
        var amount = new double[Rows];
        var start = new DateTime(2019, 3, 1).Ticks;
        for (int i = 0; i < Rows; i++)
        {
            distance[i] = Math.Round(Math.Exp(0.5 + 0.7 * random.NextNormal()), 2);
            pickup[i] = start + (long)(random.NextDouble() * 31 * TimeSpan.TicksPerDay) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
            double minutes = Math.Exp(Math.Log(11) + 0.3 * Math.Log(distance[i] / 1.65) + 0.5 * random.NextNormal());
            long seconds = Math.Max(1, (long)Math.Round(minutes * 60));
            dropoff[i] = pickup[i] + (i < backwards ? -seconds : seconds) * TimeSpan.TicksPerSecond;
            count[i] = 1 + random.NextInt(5);
            amount[i] = Math.Round(100 + 100 * random.NextDouble(), 2);
        }
        var table = new Table(
        [
            new DateTimeColumn("pickup", pickup), new DateTimeColumn("dropoff", dropoff), new NumberColumn("distance", distance),
            new NumberColumn("count", count), new NumberColumn("amount", amount),
        ]);
        var meta = new TableMetadata("trips",
        [
            new ColumnMetadata("pickup", SemanticType.Datetime) { Format = "yyyy-MM-dd HH:mm:ss" },
            new ColumnMetadata("dropoff", SemanticType.Datetime) { Format = "yyyy-MM-dd HH:mm:ss" },
            new ColumnMetadata("distance", SemanticType.Numerical) { Decimals = 2 },
            new ColumnMetadata("count", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            new ColumnMetadata("amount", SemanticType.Numerical) { Decimals = 2 },
        ]);
        return (table, meta);
    }

    public static TheoryData<string> Synthesizers => [.. SynthesizerCatalog.Names];

    [Fact]
    public void Find_TripTimes_LearnsTheOrderOnly()
    {
        var (table, meta) = Trips();
        var (rules, _) = RuleDiscovery.Find(table, meta, learn: true);
        var rule = Assert.IsType<OrderRule>(Assert.Single(rules)); // count <= amount is implied by the ranges: not learned
        Assert.Equal(("pickup", "dropoff", false), (rule.Earlier, rule.Later, rule.Declared));
        Assert.Equal((Rows, Rows - 4L), (rule.Rows, rule.Kept));
        Assert.True(rule.GapInteger); // whole seconds, as written
        Assert.Empty(RuleDiscovery.Find(table, meta, learn: false).Rules);
    }

    [Fact]
    public void Find_OrderBrokenInOnePercentOfRows_IsNotLearned()
    {
        var (table, meta) = Trips(backwards: Rows / 100);
        Assert.Empty(RuleDiscovery.Find(table, meta, learn: true).Rules);
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_LearnedOrder_KeepsEveryTripForwardAndItsDuration(string name)
    {
        var (table, meta) = Trips();
        var model = SynthesizerCatalog.Create(name).Fit(table, meta);
        Assert.Contains(model.LearnedRules, r => r.StartsWith("pickup <= dropoff (learned: 3,996 of 4,000", StringComparison.Ordinal));
        var synthetic = model.Sample(Rows, new SampleOptions { Seed = 3 });
        var minutes = Minutes(synthetic);
        Assert.Equal(0, minutes.Count(m => m < 0)); // real: 4 of 4,000
        Assert.All(minutes, m => Assert.Equal(Math.Round(m * 60), m * 60, 6)); // still on the whole-second grid
        // The median of 4,000 log-normal durations (σ = 0.5) has a standard error of about 1.6%: 10% is several.
        AssertMedianNear(Minutes(table), minutes, 0.10);
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_NoLearnedRules_ModelsTheColumnsAsBefore(string name)
    {
        var (table, meta) = Trips();
        var options = new SynthesizerOptions { LearnRules = false };
        var model = SynthesizerCatalog.Create(name, options).Fit(table, meta);
        Assert.Empty(model.LearnedRules);
        // Without rules the synthesizer's own generator samples, as before rules existed.
        Assert.IsNotType<RuleGenerator>(model.Generator);
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_DeclaredOrder_KeepsTheDurationDistribution(string name)
    {
        var (table, meta) = Trips(backwards: Rows / 10); // too many broken rows to learn: only the declaration counts
        var options = new SynthesizerOptions { LearnRules = false };
        var model = Constraints.ConstrainedFit.Fit(SynthesizerCatalog.Create(name, options), table, meta, new() { Constraints = ["pickup < dropoff"] }).Model;
        Assert.Contains(model.LearnedRules, r => r.StartsWith("pickup <= dropoff (declared", StringComparison.Ordinal));
        var synthetic = model.Sample(Rows, new SampleOptions { Seed = 5 });
        var minutes = Minutes(synthetic);
        Assert.All(minutes, m => Assert.True(m > 0));
        // Swapping the ends of a backwards trip would have kept |duration| but spread trips over the month; here the
        // real forward trips' median is the reference (the backwards tenth is modelled as a gap of 0 and rejected).
        var forward = Minutes(table).Where(m => m > 0).ToArray();
        AssertMedianNear(forward, minutes, 0.10);
    }

    [Fact]
    public void ModelFile_WithRules_RoundTripsAndSamplesIdentically()
    {
        var (table, meta) = Trips();
        var model = new GaussianCopulaSynthesizer().Fit(table, meta);
        var bytes = ModelFile.ToBytes(model);
        Assert.Equal(5, BitConverter.ToInt32(bytes, 8));
        var loaded = ModelFile.FromBytes(bytes, "trips.doppel");
        Assert.Equal(model.LearnedRules, loaded.LearnedRules);
        var options = new SampleOptions { Seed = 8 };
        Assert.Equal(Minutes(model.Sample(500, options)), Minutes(loaded.Sample(500, options)));
    }

    [Fact]
    public void ModelFile_RuleOnWrongColumns_IsModelError()
    {
        var (table, meta) = Trips();
        var text = System.Text.Encoding.UTF8.GetString(ModelFile.ToBytes(new GaussianCopulaSynthesizer().Fit(table, meta))[16..^32]);
        var edited = System.Text.Encoding.UTF8.GetBytes(text.Replace("\"Earlier\":\"pickup\"", "\"Earlier\":\"distance\"", StringComparison.Ordinal));
        var file = new byte[16 + edited.Length + 32];
        "DOPPELMD"u8.CopyTo(file);
        BitConverter.GetBytes(5).CopyTo(file, 8);
        BitConverter.GetBytes(edited.Length).CopyTo(file, 12);
        edited.CopyTo(file, 16);
        System.Security.Cryptography.SHA256.HashData(edited).CopyTo(file, 16 + edited.Length);
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(file, "m.doppel"));
        Assert.Equal(ErrorKind.Model, e.Kind);
    }

    [Fact]
    public void Sample_Where_OnDerivedColumn_IsExact()
    {
        var (table, meta) = Trips();
        var model = new SequentialTreeSynthesizer().Fit(table, meta);
        var synthetic = model.Sample(300, new SampleOptions { Seed = 2, Where = "dropoff >= '2019-03-15 00:00:00' and distance < 2" });
        Assert.Equal(300, synthetic.RowCount);
        var dropoff = (DateTimeColumn)synthetic["dropoff"];
        Assert.All(dropoff.Ticks, t => Assert.True(t >= new DateTime(2019, 3, 15).Ticks));
    }

    private static double[] Minutes(Table table)
    {
        var (a, b) = ((DateTimeColumn)table["pickup"], (DateTimeColumn)table["dropoff"]);
        return [.. Enumerable.Range(0, table.RowCount).Select(i => (b.Ticks[i] - a.Ticks[i]) / (double)TimeSpan.TicksPerMinute)];
    }

    private static void AssertMedianNear(double[] real, double[] synthetic, double tolerance)
    {
        double r = Median(real), s = Median(synthetic);
        Assert.True(Math.Abs(s - r) <= tolerance * r, $"median {s:0.00} min against {r:0.00} real");
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
