using Doppel.Sampling;

namespace Doppel.Evaluation;

/// <summary>The seeded row subsample SDMetrics takes for contingency tables of large tables.</summary>
internal static class RowSample
{
    /// <summary>Tables with more rows than this are subsampled to this many.</summary>
    public const int Limit = 50_000;

    /// <summary>
    /// Null when <paramref name="rowCount"/> ≤ <see cref="Limit"/> (use every row); otherwise <see cref="Limit"/>
    /// distinct row indices, ascending, drawn by a partial Fisher–Yates shuffle from stream 0 of seed 0: the
    /// same rows on every run, and for every table of the same size.
    /// </summary>
    public static int[]? Draw(int rowCount)
    {
        if (rowCount <= Limit) return null;
        var random = new RandomStream(0, 0);
        var rows = new int[rowCount];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        for (int i = 0; i < Limit; i++)
        {
            int j = i + random.NextInt(rowCount - i);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        var sample = rows[..Limit];
        Array.Sort(sample);
        return sample;
    }
}
