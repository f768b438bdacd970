using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Streaming;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;

namespace Doppel.Tests.Streaming;

public class StreamedCopulaTests
{
    [SkippableFact]
    public void OnAdult_AccuracyIsWithin0002OfTheInMemoryFit()
    {
        string path = SharedDatasets.File("adult/adult.csv");
        var (train, meta) = TableFiles.Load(path);
        var options = new SynthesizerOptions { LearnRules = false };
        var inMemory = new GaussianCopulaSynthesizer(options).Fit(train, meta);
        var streamed = StreamedFit.Fit(TableSource.Open([path], meta, batchRows: 5_000), GaussianCopulaSynthesizer.SynthesizerName, options);
        double a = Accuracy.Compute(train, inMemory.Sample(train.RowCount, new SampleOptions { Seed = 1 }), meta).Overall;
        double b = Accuracy.Compute(train, streamed.Sample(train.RowCount, new SampleOptions { Seed = 1 }), meta).Overall;
        Assert.True(Math.Abs(a - b) <= 0.002, $"in memory {a:0.0000}, streamed {b:0.0000}");
    }

    [SkippableFact]
    public void ShardsOfAdult_FitTheModelOfTheWhole_WithinTheSketchError()
    {
        string path = SharedDatasets.File("adult/adult.csv");
        var (train, meta) = TableFiles.Load(path);
        string folder = Directory.CreateTempSubdirectory("doppel-shards-").FullName;
        try
        {
            // Three parts of unequal size, written by Doppel's own CSV writer.
            int[] cuts = [0, 9_000, 21_000, train.RowCount];
            for (int s = 0; s < 3; s++)
            {
                var part = Data.TableRows.Select(train, [.. Enumerable.Range(cuts[s], cuts[s + 1] - cuts[s])]);
                using var file = File.Create(Path.Combine(folder, $"part-{s}.csv"));
                using var writer = TableFiles.OpenWriter("x.csv", file, meta);
                writer.Write(writer.Encode(part));
                writer.Complete();
            }
            var options = new SynthesizerOptions { LearnRules = false };
            var whole = StreamedFit.Fit(TableSource.Open([path], meta), GaussianCopulaSynthesizer.SynthesizerName, options);
            var shards = StreamedFit.Fit(TableSource.Open([folder], meta), GaussianCopulaSynthesizer.SynthesizerName, options);
            var a = (CopulaGenerator)whole.Generator;
            var b = (CopulaGenerator)shards.Generator;
            double epsilon = new QuantileSketch().RankError;
            for (int c = 0; c < a.Columns.Length; c++)
            {
                if (a.Columns[c] is CategoricalColumnModel ca)
                {
                    var cb = (CategoricalColumnModel)b.Columns[c];
                    Assert.Equal(ca.Categories, cb.Categories);  // exact counts: the same levels and shares
                    Assert.Equal(ca.Shares.Order(), cb.Shares.Order());
                }
                else if (a.Columns[c] is NumericColumnModel na)
                {
                    var nb = (NumericColumnModel)b.Columns[c];
                    var sorted = ((Data.NumberColumn)train.Columns[c]).Values.Order().ToArray();
                    for (int k = 1; k < na.Knots.Length - 1; k++)
                    {
                        // A rank error of ε moves a knot at most across the values within ±2ε (and a slice) of its rank.
                        double p = (double)k / (na.Knots.Length - 1), window = 2 * epsilon + 0.002;
                        double lo = sorted[(int)(Math.Max(0, p - window) * (sorted.Length - 1))], hi = sorted[(int)(Math.Min(1, p + window) * (sorted.Length - 1))];
                        Assert.True(Math.Abs(na.Knots[k] - nb.Knots[k]) <= hi - lo + 1e-9, $"{na.Name} knot {k}: {na.Knots[k]} vs {nb.Knots[k]} (window {lo}..{hi})");
                    }
                }
            }
            var (ma, mb) = (a.Cholesky!, b.Cholesky!);
            for (int i = 0; i < ma.Length; i++) Assert.True(Math.Abs(ma[i] - mb[i]) <= 0.01, $"Cholesky entry {i}: {ma[i]} vs {mb[i]}");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
