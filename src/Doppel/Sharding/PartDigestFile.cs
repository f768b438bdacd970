using System.Text.Json;
using Doppel.Provenance;

namespace Doppel.Sharding;

/// <summary>
/// The digest written beside each part, in the same atomic rename: what made the part (engine, model, seed, shard,
/// rows) and the SHA-256 of its bytes. A restarted run keeps a part whose digest names the same job and whose bytes
/// still hash to it, and writes the others again.
/// </summary>
internal sealed record PartDigestFile(string Engine, string ModelSha256, ulong Seed, int Shard, long FirstRow, long Rows, long Bytes, string Sha256)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static PartDigestFile For(ShardJob job, long bytes, string sha256) =>
        new(Manifest.EngineVersion, job.ModelSha256, job.Seed, job.Shard, job.FirstRow, job.Rows, bytes, sha256);

    public bool Describes(ShardJob job) =>
        Engine == Manifest.EngineVersion && ModelSha256 == job.ModelSha256 && Seed == job.Seed && Shard == job.Shard && FirstRow == job.FirstRow && Rows == job.Rows;

    public ShardDigest Digest(ShardJob job) => new(Shard, job.PartName, FirstRow, Rows, Bytes, Sha256);

    public void WriteTo(Stream stream) => stream.Write(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json) + "\n"));

    /// <summary>The digest at <paramref name="path"/>, or null when it is missing or unreadable (the part is then written again).</summary>
    public static PartDigestFile? TryLoad(string path)
    {
        try { return JsonSerializer.Deserialize<PartDigestFile>(File.ReadAllText(path), Json); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException) { return null; }
    }
}
