using Doppel.Distributed;
using Doppel.IO;
using Doppel.Models;
using Doppel.Provenance;
using Doppel.Sharding;
using Doppel.Synthesizers;
using Orleans.TestingHost;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Doppel.Distributed.Tests;

/// <summary>Faults the tests inject into the silos (set per test; tests run one at a time).</summary>
public static class Faults
{
    internal static Func<ShardCall, string, CancellationToken, Task>? BeforeShard;
    internal static Func<FitCall, string, CancellationToken, Task>? BeforeFitShard;
}

public sealed class ShardSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddDoppelShards(new SiloSettings
    {
        Threads = 1,
        BeforeShard = (call, silo, cancel) => Faults.BeforeShard?.Invoke(call, silo, cancel) ?? Task.CompletedTask,
        BeforeFitShard = (call, silo, cancel) => Faults.BeforeFitShard?.Invoke(call, silo, cancel) ?? Task.CompletedTask,
    });
}

public class ClusterSampleTests
{
    private static readonly Lazy<(string Path, SynthesisModel Model, string Sha256)> Adult = new(() =>
    {
        var (table, metadata) = TableFiles.Load("samples/adult.csv");
        var model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        string path = Path.Combine(NewFolder(), "adult.doppel");
        ModelFile.Save(model, path);
        return (path, model, Fingerprint.OfFile(path));
    });

    private static readonly ShardPlan Plan = ShardPlan.Even(60_000, 9);

    private static string NewFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "doppel-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static IReadOnlyList<ShardJob> Jobs(string folder) => ShardJob.Of(Plan, Adult.Value.Sha256, 11, "parquet", folder);

    private static readonly Lazy<string> LocalDigest = new(() =>
        PartitionedOutput.Sample(Adult.Value.Model, Adult.Value.Sha256, Jobs(NewFolder()), "parquet", 2).DatasetDigest);

    private static async Task<TestCluster> Start(int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<ShardSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<IReadOnlyList<ShardDigest>> Run(TestCluster cluster, string folder) =>
        await new ClusterSampler(cluster.Client).RunAsync(Adult.Value.Path, Jobs(folder));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Silos_GiveTheDigestOfASingleProcessRun(int silos)
    {
        Faults.BeforeShard = null;
        await using var cluster = await Start(silos);
        var digests = await Run(cluster, NewFolder());
        Assert.Equal(LocalDigest.Value, DatasetDigest.Of(digests));
    }

    [Fact]
    public async Task SiloKilledMidRun_ItsShardsRerunElsewhere_SameDigest()
    {
        await using var cluster = await Start(3);
        string victim = cluster.SecondarySilos[0].SiloAddress.ToString();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new CancellationTokenSource();
        Faults.BeforeShard = async (call, silo, _) =>
        {
            if (silo.Contains(victim, StringComparison.Ordinal) || silo == victim)
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, release.Token); // hangs until its silo is killed
            }
        };
        try
        {
            var run = Run(cluster, NewFolder());
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            var digests = await run.WaitAsync(TimeSpan.FromSeconds(120)); // a guard against a hang, not a speed floor: CI machines are loaded
            Assert.Equal(LocalDigest.Value, DatasetDigest.Of(digests));
        }
        finally
        {
            Faults.BeforeShard = null;
            await release.CancelAsync();
        }
    }

    [Fact]
    public async Task ShardFailingThreeTimes_NamesTheShard_NoManifest()
    {
        await using var cluster = await Start(2);
        int attempts = 0;
        Faults.BeforeShard = (call, _, _) =>
        {
            if (call.Shard == 4)
            {
                Interlocked.Increment(ref attempts);
                throw new DoppelException(ErrorKind.IO, "No space left on device");
            }
            return Task.CompletedTask;
        };
        string folder = NewFolder();
        try
        {
            var error = await Assert.ThrowsAsync<DoppelException>(() => DistributedSampleOn(cluster, folder));
            Assert.Contains("Shard 4 (part-00004.parquet", error.Message, StringComparison.Ordinal);
            Assert.Contains("failed 3 times", error.Message, StringComparison.Ordinal);
            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            Assert.Equal(ClusterSampler.MaxAttempts, attempts);
            Assert.False(File.Exists(Path.Combine(folder, PartitionedManifest.FileName)));
            Assert.False(File.Exists(Path.Combine(folder, "part-00004.parquet")));
        }
        finally
        {
            Faults.BeforeShard = null;
        }
    }

    /// <summary>What the CLI does with a cluster: run, then write the manifest only when every shard succeeded.</summary>
    private static async Task DistributedSampleOn(TestCluster cluster, string folder)
    {
        var jobs = Jobs(folder);
        var digests = await new ClusterSampler(cluster.Client).RunAsync(Adult.Value.Path, jobs);
        PartitionedOutput.Finish(Adult.Value.Model, Adult.Value.Sha256, jobs, "parquet", digests);
    }
}
