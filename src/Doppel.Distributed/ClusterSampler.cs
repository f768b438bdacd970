using Doppel.Sharding;

namespace Doppel.Distributed;

/// <summary>The client side of a distributed sample: each shard's part written by a silo (<see cref="IShardGrain"/>), run by a <see cref="ClusterRunner"/>.</summary>
internal sealed class ClusterSampler(IClusterClient client)
{
    /// <summary>Attempts per shard before the run fails.</summary>
    public const int MaxAttempts = ClusterRunner.MaxAttempts;

    /// <summary>How long to wait for a silo when none is active before giving up.</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs every job on the cluster and returns the digests in shard order. Parts already written for the same plan
    /// are verified and kept by the silos.
    /// </summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when a shard failed <see cref="MaxAttempts"/> times (naming it and its last error) or no silo is available.</exception>
    public Task<IReadOnlyList<ShardDigest>> RunAsync(string modelPath, IReadOnlyList<ShardJob> jobs, IProgress<long>? progress = null, CancellationToken cancel = default) =>
        new ClusterRunner(client) { NoSiloTimeout = NoSiloTimeout }.RunAsync(jobs.Count,
            async (cluster, shard, gone) =>
            {
                var job = jobs[shard];
                var outcome = await cluster.GetGrain<IShardGrain>(Guid.NewGuid()).Sample(ShardCall.Of(modelPath, job)).WaitAsync(gone);
                return new ShardAttempt<ShardDigest>(outcome.Error is null ? outcome.Digest(job) : null, outcome.Error, outcome.Silo);
            },
            shard => $"Shard {shard} ({jobs[shard].PartName}, rows {jobs[shard].FirstRow:N0} to {jobs[shard].FirstRow + jobs[shard].Rows - 1:N0})",
            "No manifest was written; parts already written are kept and verified when the run is started again.",
            shard => jobs[shard].Rows, progress, cancel);
}
