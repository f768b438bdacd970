namespace Doppel.Sharding;

/// <summary>
/// One shard to write: everything that defines its bytes (model fingerprint, seed, shard, first row, rows, format)
/// and where it goes. Equal jobs write equal parts, on any machine.
/// </summary>
/// <param name="ModelSha256">SHA-256 of the model file the shard samples.</param>
/// <param name="Seed">The sample's seed (shard <c>k</c> draws from streams derived from it and <c>k</c>).</param>
/// <param name="Shard">The shard index.</param>
/// <param name="FirstRow">The global index of its first row.</param>
/// <param name="Rows">Rows to write.</param>
/// <param name="Extension">The parts' format as a file extension: <c>parquet</c>, <c>csv</c>, <c>tsv</c> or <c>csv.gz</c>.</param>
/// <param name="Folder">The output folder.</param>
public sealed record ShardJob(string ModelSha256, ulong Seed, int Shard, long FirstRow, long Rows, string Extension, string Folder)
{
    /// <summary>The part's file name.</summary>
    public string PartName => ShardPlan.PartName(Shard, Extension);

    /// <summary>The part's path.</summary>
    public string PartPath => Path.Combine(Folder, PartName);

    /// <summary>The path of the part's digest, written with it (underscore first, so readers of <c>folder/*.parquet</c> and Spark skip it).</summary>
    public string DigestPath => Path.Combine(Folder, "_" + PartName + ".digest.json");

    /// <summary>The jobs of <paramref name="plan"/>, in shard order.</summary>
    public static IReadOnlyList<ShardJob> Of(ShardPlan plan, string modelSha256, ulong seed, string extension, string folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. Enumerable.Range(0, plan.Shards).Select(k => new ShardJob(modelSha256, seed, k, plan.FirstRows[k], plan.ShardRows[k], extension, folder))];
    }
}
