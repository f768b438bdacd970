using System.Security.Cryptography;
using System.Text;

namespace Doppel.Sharding;

/// <summary>
/// The digest of a partitioned dataset: SHA-256 of the lines <c>SHARD ROWS SHA256\n</c> of its parts in shard order.
/// It depends on the bytes of every part and their order only, so any number of workers, or a worker killed and its
/// shards re-run, give the same digest when they wrote the same data.
/// </summary>
public static class DatasetDigest
{
    /// <summary>The digest (lower-case hex) of <paramref name="parts"/>, which must be every shard in order.</summary>
    public static string Of(IEnumerable<ShardDigest> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder();
        int expected = 0;
        foreach (var part in parts)
        {
            if (part.Shard != expected++) throw new ArgumentException("The parts must be every shard, in order.", nameof(parts));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{part.Shard} {part.Rows} {part.Sha256}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
