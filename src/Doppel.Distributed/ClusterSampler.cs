using System.Collections.Concurrent;
using System.Threading.Channels;
using Doppel.Sharding;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Doppel.Distributed;

/// <summary>
/// The client side of a distributed sample: spreads the plan's shards over the cluster's active silos (one shard at a
/// time per silo, each silo pulling the next when done, so faster silos take more), re-runs a shard that failed or
/// whose silo died, and gives up on a shard after <see cref="MaxAttempts"/> failures with an error naming it.
/// </summary>
internal sealed class ClusterSampler(IClusterClient client)
{
    /// <summary>Attempts per shard before the run fails.</summary>
    public const int MaxAttempts = 3;

    /// <summary>How long to wait for a silo when none is active before giving up.</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs every job on the cluster and returns the digests in shard order. Parts already written for the same plan
    /// are verified and kept by the silos.
    /// </summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when a shard failed <see cref="MaxAttempts"/> times (naming it and its last error) or no silo is available.</exception>
    public async Task<IReadOnlyList<ShardDigest>> RunAsync(string modelPath, IReadOnlyList<ShardJob> jobs, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        var run = new Run(jobs, progress);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var workers = new Dictionary<SiloAddress, (Task<bool> Task, CancellationTokenSource Gone)>();
        var banned = new HashSet<SiloAddress>();
        var management = client.GetGrain<IManagementGrain>(0);
        var lastSilo = DateTime.UtcNow;
        List<SiloAddress> hosts = [];
        try
        {
            while (!run.Done.IsCompleted)
            {
                hosts = await ActiveSilos(management, hosts, cancel);
                // A silo that left the cluster will not answer: its shard in flight goes back to the queue now.
                foreach (var (host, worker) in workers.Where(w => !hosts.Contains(w.Key))) await worker.Gone.CancelAsync();
                if (hosts.All(banned.Contains)) banned.Clear(); // every silo failed once: give the live ones another chance
                foreach (var host in hosts.Where(h => !banned.Contains(h) && !workers.ContainsKey(h)))
                {
                    var gone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    workers[host] = (Worker(host, modelPath, run, stop.Token, gone.Token), gone);
                }
                if (workers.Count == 0)
                {
                    if (DateTime.UtcNow - lastSilo > NoSiloTimeout)
                        throw new DoppelException(ErrorKind.IO, $"No silo of the cluster is active after {NoSiloTimeout.TotalSeconds:0} s; {run.Remaining} of {jobs.Count} shards are not written. Start a silo (doppel cluster silo) and run again: written parts are kept.");
                    await Task.Delay(250, cancel);
                    continue;
                }
                lastSilo = DateTime.UtcNow;
                // Wake when a worker ends (its silo failed) or the run is done, and now and then to pick up silos that joined or left.
                await Task.WhenAny(workers.Values.Select(w => (Task)w.Task).Append(run.Done).Append(Task.Delay(1000, cancel)));
                foreach (var (host, worker) in workers.Where(w => w.Value.Task.IsCompleted).ToList())
                {
                    workers.Remove(host);
                    worker.Gone.Dispose();
                    if (worker.Task.Result) banned.Add(host);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers.Values.Select(w => w.Task)).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var worker in workers.Values) worker.Gone.Dispose();
        }
        if (run.Failure is { } failure) throw failure;
        return run.Digests;
    }

    /// <summary>How long the cluster may take to list its silos before the last list is used again.</summary>
    private static readonly TimeSpan HostsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The cluster's active silos, or <paramref name="lastSeen"/> when it does not answer in time: the management grain
    /// may live on a silo that just died, and a call to it waits for the (long) response timeout.
    /// </summary>
    private static async Task<List<SiloAddress>> ActiveSilos(IManagementGrain management, List<SiloAddress> lastSeen, CancellationToken cancel)
    {
        try
        {
            return [.. (await management.GetHosts(true, cancel).WaitAsync(HostsTimeout, cancel)).Keys];
        }
        catch (Exception) when (!cancel.IsCancellationRequested)
        {
            return lastSeen;
        }
    }

    /// <summary>
    /// Runs shards on <paramref name="host"/> until none is left; true when it stopped because the silo failed or left
    /// the cluster (<paramref name="gone"/>), its shard in flight queued again.
    /// </summary>
    private async Task<bool> Worker(SiloAddress host, string modelPath, Run run, CancellationToken stop, CancellationToken gone)
    {
        try
        {
            while (await run.Queue.Reader.WaitToReadAsync(gone))
            {
                if (!run.Queue.Reader.TryRead(out var job)) continue;
                string error;
                bool siloFailed = false;
                try
                {
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, host);
                    var outcome = await client.GetGrain<IShardGrain>(Guid.NewGuid()).Sample(ShardCall.Of(modelPath, job)).WaitAsync(gone);
                    if (outcome.Error is null)
                    {
                        run.Complete(job, outcome.Digest(job));
                        continue;
                    }
                    error = $"{outcome.Error} (silo {outcome.Silo})";
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    error = $"silo {host} left the cluster";
                    siloFailed = true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = $"{e.GetType().Name}: {e.Message} (silo {host})";
                    siloFailed = true; // the call itself failed (silo gone, connection lost, timeout): try the others first
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }
                run.Fail(job, error);
                if (siloFailed) return true;
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return true; // left the cluster while waiting for a shard
        }
        catch (OperationCanceledException) { }
        return false;
    }

    /// <summary>The state of one run: the queue of shards to write, their attempts and the digests written.</summary>
    private sealed class Run
    {
        private readonly int[] _attempts;
        private readonly IProgress<long>? _progress;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ShardDigest[] _digests;
        private int _remaining;
        private long _rows;

        public Run(IReadOnlyList<ShardJob> jobs, IProgress<long>? progress)
        {
            _attempts = new int[jobs.Count];
            _digests = new ShardDigest[jobs.Count];
            _remaining = jobs.Count;
            _progress = progress;
            foreach (var job in jobs) Queue.Writer.TryWrite(job);
            if (jobs.Count == 0) Finish();
        }

        public Channel<ShardJob> Queue { get; } = Channel.CreateUnbounded<ShardJob>();

        public Task Done => _done.Task;

        public int Remaining => Volatile.Read(ref _remaining);

        public IReadOnlyList<ShardDigest> Digests => _digests;

        public DoppelException? Failure { get; private set; }

        public void Complete(ShardJob job, ShardDigest digest)
        {
            _digests[job.Shard] = digest;
            _progress?.Report(Interlocked.Add(ref _rows, job.Rows));
            if (Interlocked.Decrement(ref _remaining) == 0) Finish();
        }

        public void Fail(ShardJob job, string error)
        {
            if (Interlocked.Increment(ref _attempts[job.Shard]) < MaxAttempts)
            {
                Queue.Writer.TryWrite(job);
                return;
            }
            lock (_digests)
                Failure ??= new DoppelException(ErrorKind.IO,
                    $"Shard {job.Shard} ({job.PartName}, rows {job.FirstRow:N0} to {job.FirstRow + job.Rows - 1:N0}) failed {MaxAttempts} times; last error: {error}. " +
                    "No manifest was written; parts already written are kept and verified when the run is started again.");
            Finish();
        }

        private void Finish()
        {
            Queue.Writer.TryComplete();
            _done.TrySetResult();
        }
    }
}
