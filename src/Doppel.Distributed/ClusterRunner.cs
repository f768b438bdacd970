using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Doppel.Distributed;

/// <summary>One attempt at a shard on a silo: its result, or the error (a Doppel error's message) that stopped it.</summary>
internal readonly record struct ShardAttempt<TResult>(TResult? Result, string? Error, string Silo);

/// <summary>
/// The client side of a distributed run (a sample's parts, a fit's passes): spreads the shards over the cluster's
/// active silos (one shard at a time per silo, each silo pulling the next when done, so faster silos take more),
/// re-runs a shard that failed or whose silo died, and gives up on a shard after <see cref="MaxAttempts"/> failures
/// with an error naming it. Results come back by shard index, so they do not depend on which silo ran what.
/// </summary>
internal sealed class ClusterRunner(IClusterClient client)
{
    /// <summary>Attempts per shard before the run fails.</summary>
    public const int MaxAttempts = 3;

    /// <summary>How long to wait for a silo when none is active before giving up.</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs every shard on the cluster — <paramref name="attempt"/> calls a grain for shard i on the silo the runner
    /// placed it on — and returns the results by shard index.
    /// </summary>
    /// <param name="shards">How many shards.</param>
    /// <param name="attempt">One attempt at shard i (the token is cancelled when its silo leaves).</param>
    /// <param name="describe">Shard i as named in the error when it failed <see cref="MaxAttempts"/> times.</param>
    /// <param name="afterFailure">What that error adds about what was and was not written.</param>
    /// <param name="weight">Shard i's share of <paramref name="progress"/> (e.g. its rows).</param>
    /// <param name="progress">Told the done shards' total weight as shards finish.</param>
    /// <param name="cancel">Stops the run.</param>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when a shard failed <see cref="MaxAttempts"/> times (naming it and its last error) or no silo is available.</exception>
    public async Task<IReadOnlyList<TResult>> RunAsync<TResult>(int shards, Func<IClusterClient, int, CancellationToken, Task<ShardAttempt<TResult>>> attempt,
        Func<int, string> describe, string afterFailure, Func<int, long>? weight = null, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        var run = new Run<TResult>(shards, describe, afterFailure, weight ?? (_ => 1), progress);
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
                    workers[host] = (Worker(host, attempt, run, stop.Token, gone.Token), gone);
                }
                if (workers.Count == 0)
                {
                    if (DateTime.UtcNow - lastSilo > NoSiloTimeout)
                        throw new DoppelException(ErrorKind.IO, $"No silo of the cluster is active after {NoSiloTimeout.TotalSeconds:0} s; {run.Remaining} of {shards} shards are not done. Start a silo (doppel cluster silo) and run again.{(afterFailure.Length == 0 ? "" : " " + afterFailure)}");
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
        return run.Results;
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
    private async Task<bool> Worker<TResult>(SiloAddress host, Func<IClusterClient, int, CancellationToken, Task<ShardAttempt<TResult>>> attempt, Run<TResult> run, CancellationToken stop, CancellationToken gone)
    {
        try
        {
            while (await run.Queue.Reader.WaitToReadAsync(gone))
            {
                if (!run.Queue.Reader.TryRead(out int shard)) continue;
                string error;
                bool siloFailed = false;
                try
                {
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, host);
                    var outcome = await attempt(client, shard, gone).WaitAsync(gone);
                    if (outcome.Error is null)
                    {
                        run.Complete(shard, outcome.Result!);
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
                run.Fail(shard, error);
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

    /// <summary>The state of one run: the queue of shards to run, their attempts and the results.</summary>
    private sealed class Run<TResult>
    {
        private readonly int[] _attempts;
        private readonly Func<int, string> _describe;
        private readonly string _afterFailure;
        private readonly Func<int, long> _weight;
        private readonly IProgress<long>? _progress;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TResult[] _results;
        private int _remaining;
        private long _completed;

        public Run(int shards, Func<int, string> describe, string afterFailure, Func<int, long> weight, IProgress<long>? progress)
        {
            _attempts = new int[shards];
            _results = new TResult[shards];
            _remaining = shards;
            (_describe, _afterFailure, _weight, _progress) = (describe, afterFailure, weight, progress);
            for (int shard = 0; shard < shards; shard++) Queue.Writer.TryWrite(shard);
            if (shards == 0) Finish();
        }

        public Channel<int> Queue { get; } = Channel.CreateUnbounded<int>();

        public Task Done => _done.Task;

        public int Remaining => Volatile.Read(ref _remaining);

        public IReadOnlyList<TResult> Results => _results;

        public DoppelException? Failure { get; private set; }

        public void Complete(int shard, TResult result)
        {
            _results[shard] = result;
            _progress?.Report(Interlocked.Add(ref _completed, _weight(shard)));
            if (Interlocked.Decrement(ref _remaining) == 0) Finish();
        }

        public void Fail(int shard, string error)
        {
            if (Interlocked.Increment(ref _attempts[shard]) < MaxAttempts)
            {
                Queue.Writer.TryWrite(shard);
                return;
            }
            lock (_results)
                Failure ??= new DoppelException(ErrorKind.IO,
                    $"{_describe(shard)} failed {MaxAttempts} times; last error: {error}.{(_afterFailure.Length == 0 ? "" : " " + _afterFailure)}");
            Finish();
        }

        private void Finish()
        {
            Queue.Writer.TryComplete();
            _done.TrySetResult();
        }
    }
}
