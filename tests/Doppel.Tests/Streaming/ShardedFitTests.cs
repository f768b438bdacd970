using System.Globalization;
using Doppel.Data;
using Doppel.Models;
using Doppel.Streaming;
using Doppel.Synthesizers;

namespace Doppel.Tests.Streaming;

/// <summary>
/// A fit whose passes run shard by shard elsewhere (a distributed fit's silos) and travel as bytes gives the model
/// of the same fit run here, byte for byte, whatever order the shards ran in.
/// </summary>
public sealed class ShardedFitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doppel-sharded-").FullName;

    public ShardedFitTests()
    {
        // Three parts of unequal size, with every kind of column the wire carries: numbers with nulls, a category,
        // a yes/no boolean, a date, free text and an id (the last two go through the row sample).
        var random = new Random(7);
        int row = 0;
        string[] colours = ["red", "blue", "green", "amber"];
        foreach (var (part, rows) in new[] { ("part-0.csv", 700), ("part-1.csv", 300), ("part-2.csv", 1_100) })
        {
            using var writer = new StreamWriter(Path.Combine(_folder, part));
            writer.WriteLine("id,amount,colour,member,joined,note");
            for (int i = 0; i < rows; i++, row++)
            {
                double amount = Math.Round(random.NextDouble() * 100 + (row % 4) * 20, 2);
                string note = $"{colours[random.Next(4)]} parcel {random.Next(1000)} for {(char)('A' + random.Next(26))}{(char)('a' + random.Next(26))}";
                writer.WriteLine(string.Join(',',
                    $"C{row:00000}",
                    random.Next(10) == 0 ? "" : amount.ToString("0.00", CultureInfo.InvariantCulture),
                    colours[(row + random.Next(2)) % 4],
                    random.Next(3) == 0 ? "yes" : "no",
                    new DateTime(2020, 1, 1).AddDays(random.Next(900) + row % 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    note));
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The passes run as a silo would run them, in the given shard order, and merged by the client.</summary>
    private static SynthesisModel FitThroughTheWire(TableSource source, string synthesizer, SynthesizerOptions options, int[] runOrder)
    {
        var firsts = new byte[source.Files.Count][];
        var hashes = new string[source.Files.Count];
        foreach (int f in runOrder)
        {
            var shardSource = TableSource.Reopen(source.Files, source.Metadata, source.BatchRows, Metadata.ParseOptions.Default, null);
            var hash = new List<string>();
            firsts[f] = ShardedFit.FirstPass(shardSource, f, options, hash);
            hashes[f] = Assert.Single(hash);
        }
        var shards = ShardedFit.Plan(source.Metadata, firsts, options);
        var seconds = new byte[source.Files.Count][];
        foreach (int f in runOrder) seconds[f] = ShardedFit.SecondPass(source, f, shards.MomentsPlan);
        return ShardedFit.Build(shards, seconds, options, synthesizer, hashes);
    }

    [Theory]
    [InlineData(GaussianCopulaSynthesizer.SynthesizerName)]
    [InlineData(IndependentSynthesizer.SynthesizerName)]
    public void ShardsFittedElsewhere_GiveTheLocalModel_ByteForByte(string synthesizer)
    {
        var options = new SynthesizerOptions { LearnRules = false, FitSeed = 3 };
        var source = TableSource.Open([_folder], batchRows: 250);
        var local = ModelFile.ToBytes(StreamedFit.Fit(source, synthesizer, options));
        Assert.Equal(local, ModelFile.ToBytes(FitThroughTheWire(source, synthesizer, options, [0, 1, 2])));
        Assert.Equal(local, ModelFile.ToBytes(FitThroughTheWire(source, synthesizer, options, [2, 0, 1])));
    }

    [Fact]
    public void AModelOfOneShard_IsNotTheModelOfAll()
    {
        // Guard on the test above: the shards' statistics do reach the model (a model of part-0 alone differs).
        var options = new SynthesizerOptions { LearnRules = false };
        var all = StreamedFit.Fit(TableSource.Open([_folder]), GaussianCopulaSynthesizer.SynthesizerName, options);
        var first = StreamedFit.Fit(TableSource.Open([Path.Combine(_folder, "part-0.csv")]), GaussianCopulaSynthesizer.SynthesizerName, options);
        Assert.Equal(2_100, all.Source.Rows);
        Assert.NotEqual(ModelFile.ToBytes(all), ModelFile.ToBytes(first));
    }

    [Fact]
    public void ShardsSamples_MergeIntoTheLocalSample_RowForRow()
    {
        var source = TableSource.Open([_folder], batchRows: 128);
        var local = StreamedFit.Sample(source, 900, 5);
        var merged = ShardedFit.MergeSamples(source.Metadata, [.. new[] { 2, 1, 0 }.Select(f => ShardedFit.Sample(source, f, 900, 5)).Reverse()], 900, 5);
        Assert.Equal(900, merged.RowCount);
        for (int c = 0; c < local.Columns.Count; c++)
            for (int r = 0; r < local.RowCount; r++)
                Assert.Equal(ValueAt(local.Columns[c], r), ValueAt(merged.Columns[c], r));
    }

    private static string? ValueAt(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        CategoryColumn c => c.Categories[c.Codes[row]],
        BooleanColumn b => b.Values[row].ToString(),
        DateTimeColumn d => d.Ticks[row].ToString(CultureInfo.InvariantCulture),
        StringColumn s => s.Values[row],
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void DamagedStatistics_AreAClearModelError()
    {
        var options = new SynthesizerOptions { LearnRules = false };
        var source = TableSource.Open([_folder]);
        var bytes = ShardedFit.FirstPass(source, 0, options, new List<string>());
        var error = Assert.Throws<DoppelException>(() => ShardedFit.Plan(source.Metadata, [bytes[..^9]], options));
        Assert.Equal(ErrorKind.Model, error.Kind);
        Assert.Contains("damaged", error.Message);
        var moments = Assert.Throws<DoppelException>(() => ShardedFit.Build(ShardedFit.Plan(source.Metadata, [bytes], options), [bytes], options, GaussianCopulaSynthesizer.SynthesizerName, ["x"]));
        Assert.Equal(ErrorKind.Model, moments.Kind); // a first pass is not a second pass
    }
}
