using Doppel.Sampling;

namespace Doppel.Evaluation;

/// <summary>
/// The order in which neighbour searches add up columns: the columns that separate random training rows most come
/// first, so partial sums pass the bound early and most candidates are left after a few columns. Only speed and the
/// float rounding of sums depend on it.
/// </summary>
internal static class ScanOrder
{
    private const int Pairs = 2_048;

    /// <summary>All columns, by decreasing mean distance term over seeded random pairs of training rows.</summary>
    public static int[] Of(PrivacyEncoding encoding, ulong seed)
    {
        int rows = encoding.RowCounts[(int)PrivacyPart.Train];
        var mean = new double[encoding.Width];
        var random = new RandomStream(seed, RowSampling.ScanOrder);
        for (int p = 0; p < Pairs; p++)
        {
            int a = random.NextInt(rows), b = random.NextInt(rows);
            for (int c = 0; c < mean.Length; c++)
                mean[c] += MathF.Min(MathF.Abs(encoding.Value(PrivacyPart.Train, a, c) - encoding.Value(PrivacyPart.Train, b, c)), 1f);
        }
        return [.. Enumerable.Range(0, mean.Length).OrderByDescending(c => mean[c]).ThenBy(c => c)];
    }

    /// <summary>The given columns, in the order of <paramref name="order"/>.</summary>
    public static int[] Restrict(int[] order, IEnumerable<int> columns)
    {
        var keep = columns.ToHashSet();
        return [.. order.Where(keep.Contains)];
    }
}
