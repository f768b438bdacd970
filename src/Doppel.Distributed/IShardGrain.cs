using Doppel.Sharding;

namespace Doppel.Distributed;

/// <summary>A shard of a partitioned sample as a grain call: sample shard k of a model file, write its part, return its digest.</summary>
[Alias("doppel.shard")]
internal interface IShardGrain : IGrainWithGuidKey
{
    /// <summary>Writes the part of <paramref name="call"/> and returns its digest, or the error that stopped it.</summary>
    [Alias("sample")]
    Task<ShardOutcome> Sample(ShardCall call);
}

/// <summary>What a silo needs to write one shard: the model file (a path every silo can read) and the shard's job.</summary>
[GenerateSerializer, Immutable, Alias("doppel.shard-call")]
internal sealed class ShardCall
{
    [Id(0)] public required string ModelPath { get; init; }
    [Id(1)] public required string ModelSha256 { get; init; }
    [Id(2)] public required ulong Seed { get; init; }
    [Id(3)] public required int Shard { get; init; }
    [Id(4)] public required long FirstRow { get; init; }
    [Id(5)] public required long Rows { get; init; }
    [Id(6)] public required string Extension { get; init; }
    [Id(7)] public required string Folder { get; init; }

    public ShardJob Job => new(ModelSha256, Seed, Shard, FirstRow, Rows, Extension, Folder);

    public static ShardCall Of(string modelPath, ShardJob job) => new()
    {
        ModelPath = modelPath, ModelSha256 = job.ModelSha256, Seed = job.Seed, Shard = job.Shard,
        FirstRow = job.FirstRow, Rows = job.Rows, Extension = job.Extension, Folder = job.Folder,
    };
}

/// <summary>A shard's result: its part's digest, or the error (a Doppel error's message) that stopped it.</summary>
[GenerateSerializer, Immutable, Alias("doppel.shard-outcome")]
internal sealed class ShardOutcome
{
    [Id(0)] public long Bytes { get; init; }
    [Id(1)] public string? Sha256 { get; init; }
    [Id(2)] public string? Error { get; init; }
    [Id(3)] public required string Silo { get; init; }

    public ShardDigest Digest(ShardJob job) => new(job.Shard, job.PartName, job.FirstRow, job.Rows, Bytes, Sha256!);
}
