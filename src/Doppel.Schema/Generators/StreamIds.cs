using System.Text;

namespace Doppel.Schema.Generators;

/// <summary>
/// The seed of every random stream of a schema run: a stable 64-bit hash of (seed, table, column, purpose), so a
/// column's values depend on its own name only; the stream index is the block (8,192 rows).
/// </summary>
internal static class StreamIds
{
    public const int BlockRows = 8192;

    public static ulong For(ulong seed, string table, string column, string purpose = "values")
    {
        ulong h = 0xCBF29CE484222325UL ^ Mix(seed);
        foreach (string part in new[] { table, column, purpose })
        {
            foreach (byte b in Encoding.UTF8.GetBytes(part)) h = (h ^ b) * 0x100000001B3UL;
            h = (h ^ 0xFF) * 0x100000001B3UL; // separator: ("ab", "c") differs from ("a", "bc")
        }
        return Mix(h);
    }

    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A uniform integer in [0, bound) for a bound that may exceed int.</summary>
    public static long NextLong(ref Doppel.Sampling.RandomStream random, long bound) =>
        bound <= int.MaxValue ? random.NextInt((int)bound) : (long)Math.BigMul(random.NextUInt64(), (ulong)bound, out _);
}
