using Doppel.Data;
using Doppel.Distributed;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Streaming;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Orleans.TestingHost;

namespace Doppel.Distributed.Tests;

/// <summary>A fit whose files are read by the silos gives the model of the same fit run in one process, byte for byte.</summary>
public class ClusterFitTests
{
    private static readonly SynthesizerOptions Options = new() { LearnRules = false, FitSeed = 4 };

    /// <summary>samples/adult.csv as four parts of unequal size (written once for the class).</summary>
    private static readonly Lazy<string> Parts = new(() =>
    {
        var (table, metadata) = TableFiles.Load("samples/adult.csv");
        string folder = Path.Combine(Path.GetTempPath(), "doppel-cluster-fit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        int[] cuts = [0, 500, 1_700, 2_000, table.RowCount];
        for (int p = 0; p < cuts.Length - 1; p++)
        {
            var part = TableRows.Select(table, [.. Enumerable.Range(cuts[p], cuts[p + 1] - cuts[p])]);
            using var file = File.Create(Path.Combine(folder, $"part-{p}.csv"));
            using var writer = TableFiles.OpenWriter("x.csv", file, metadata);
            writer.Write(writer.Encode(part));
            writer.Complete();
        }
        return folder;
    });

    private static TableSource Source() => TableSource.Open([Parts.Value], batchRows: 400);

    private static readonly Lazy<byte[]> LocalCopula = new(() => ModelFile.ToBytes(StreamedFit.Fit(Source(), GaussianCopulaSynthesizer.SynthesizerName, Options)));

    private static async Task<TestCluster> Start(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<ShardSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<byte[]> FitOn(TestCluster cluster)
    {
        var model = await new DistributedFit(cluster.Client, Source(), ParseOptions.Default).FitFromStatisticsAsync(GaussianCopulaSynthesizer.SynthesizerName, Options);
        return ModelFile.ToBytes(model);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Silos_FitTheModelOfASingleProcessFit(int silos)
    {
        Faults.BeforeFitShard = null;
        await using var cluster = await Start(silos);
        Assert.Equal(LocalCopula.Value, await FitOn(cluster));
    }

    [Fact]
    public async Task TheSampleForRowFittingSynthesizers_IsTheSingleProcessSample()
    {
        Faults.BeforeFitShard = null;
        await using var cluster = await Start(2);
        var merged = await new DistributedFit(cluster.Client, Source(), ParseOptions.Default).SampleAsync(1_000, 9);
        var local = StreamedFit.Sample(Source(), 1_000, 9);
        Assert.Equal(1_000, merged.RowCount);
        var model = (Func<Table, byte[]>)(t => ModelFile.ToBytes(new BayesianNetworkSynthesizer(Options).Fit(t, Source().Metadata)));
        Assert.Equal(model(local), model(merged)); // the same rows in the same order: the same network
    }

    [Fact]
    public async Task SiloKilledMidFit_ItsFilesAreReadElsewhere_SameModel()
    {
        await using var cluster = await Start(3);
        string victim = cluster.SecondarySilos[0].SiloAddress.ToString();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new CancellationTokenSource();
        Faults.BeforeFitShard = async (call, silo, _) =>
        {
            if (silo.Contains(victim, StringComparison.Ordinal))
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, release.Token); // hangs until its silo is killed
            }
        };
        try
        {
            var fit = FitOn(cluster);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            Assert.Equal(LocalCopula.Value, await fit.WaitAsync(TimeSpan.FromSeconds(120))); // a guard against a hang, not a speed floor
        }
        finally
        {
            Faults.BeforeFitShard = null;
            await release.CancelAsync();
        }
    }

    [Fact]
    public async Task AFileFailingThreeTimes_IsAnErrorNamingIt()
    {
        await using var cluster = await Start(2);
        int attempts = 0;
        Faults.BeforeFitShard = (call, _, _) =>
        {
            if (call.File != 2) return Task.CompletedTask;
            Interlocked.Increment(ref attempts);
            throw new DoppelException(ErrorKind.IO, "Cannot read part-2.csv: Input/output error");
        };
        try
        {
            var error = await Assert.ThrowsAsync<DoppelException>(() => FitOn(cluster));
            Assert.Equal(ErrorKind.IO, error.Kind);
            Assert.Contains("pass 1 over file 2 (part-2.csv) failed 3 times", error.Message, StringComparison.Ordinal);
            Assert.Contains("Input/output error", error.Message, StringComparison.Ordinal);
            Assert.Equal(ClusterRunner.MaxAttempts, attempts);
        }
        finally
        {
            Faults.BeforeFitShard = null;
        }
    }

    [Fact]
    public async Task ABadCellInALaterFile_IsTheSingleProcessError()
    {
        Faults.BeforeFitShard = null;
        string folder = Path.Combine(Path.GetTempPath(), "doppel-cluster-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.csv"), "x,colour\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i},{(i % 2 == 0 ? "red" : "blue")}\n")));
        File.WriteAllText(Path.Combine(folder, "b.csv"), "x,colour\n1,red\noops,blue\n");
        await using var cluster = await Start(1);
        var source = TableSource.Open([folder]);
        var error = await Assert.ThrowsAsync<DoppelException>(() => new DistributedFit(cluster.Client, source, ParseOptions.Default).FitFromStatisticsAsync(GaussianCopulaSynthesizer.SynthesizerName, Options));
        Assert.Contains("file 1 (b.csv)", error.Message, StringComparison.Ordinal);
        Assert.Contains("oops", error.Message, StringComparison.Ordinal);
    }
}
