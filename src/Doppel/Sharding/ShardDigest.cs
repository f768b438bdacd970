namespace Doppel.Sharding;

/// <summary>What a written part holds: its shard, file, rows and the SHA-256 of its bytes.</summary>
/// <param name="Shard">The shard index (0-based).</param>
/// <param name="File">The part's file name, inside the output folder.</param>
/// <param name="FirstRow">The global index of its first row.</param>
/// <param name="Rows">Rows in the part.</param>
/// <param name="Bytes">Its length.</param>
/// <param name="Sha256">SHA-256 (lower-case hex) of its bytes.</param>
public sealed record ShardDigest(int Shard, string File, long FirstRow, long Rows, long Bytes, string Sha256);
