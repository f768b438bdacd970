namespace Doppel.Distributed;

/// <summary>How a silo runs its shards: the threads of each, and (tests only) faults to inject.</summary>
internal sealed class SiloSettings
{
    /// <summary>Sampling threads per shard on this silo.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs before each shard (tests: fail a shard, or hang it until its silo is killed).</summary>
    public Func<ShardCall, string, CancellationToken, Task>? BeforeShard { get; init; }

    /// <summary>Runs before each shard of a fit (tests: fail it, or hang it until its silo is killed).</summary>
    public Func<FitCall, string, CancellationToken, Task>? BeforeFitShard { get; init; }

    /// <summary>Wraps each part's stream (tests: a disk that fills up).</summary>
    public Func<ShardCall, Stream, Stream>? WrapPart { get; init; }
}
