using Doppel.Sampling;

namespace Doppel.Evaluation.ML;

/// <summary>Seeded row selections (Doppel's <see cref="RandomStream"/>, so they are the same on every machine).</summary>
internal static class RowSampling
{
    /// <summary>
    /// <paramref name="count"/> distinct entries of <paramref name="rows"/> drawn uniformly (a partial Fisher–Yates
    /// shuffle), in random order; all of them, shuffled, when <paramref name="count"/> is at least their number.
    /// </summary>
    public static int[] Subsample(int[] rows, int count, ulong seed, ulong stream)
    {
        var pool = (int[])rows.Clone();
        var random = new RandomStream(seed, stream);
        count = Math.Min(count, pool.Length);
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    /// <summary>Rows 0..n−1.</summary>
    public static int[] All(int n)
    {
        var rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }
}
