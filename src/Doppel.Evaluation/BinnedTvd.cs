namespace Doppel.Evaluation;

/// <summary>The total variation distance between two samples of binned columns, one column or a joint of several.</summary>
internal static class BinnedTvd
{
    /// <summary>
    /// ½ Σ |p − q| over the joint bins of <paramref name="real"/> and <paramref name="synthetic"/> (per column, every row's
    /// bin; <paramref name="sizes"/> the bins per column), each side's shares taken over its own rows.
    /// </summary>
    public static double Of(IReadOnlyList<int[]> real, IReadOnlyList<int[]> synthetic, IReadOnlyList<int> sizes)
    {
        int cells = 1;
        foreach (int size in sizes) cells *= size;
        var p = new double[cells];
        var q = new double[cells];
        Count(real, sizes, p);
        Count(synthetic, sizes, q);
        int n = real[0].Length, m = synthetic[0].Length;
        if (n == 0 || m == 0) return double.NaN;
        double total = 0;
        for (int k = 0; k < cells; k++) total += Math.Abs(p[k] / n - q[k] / m);
        return total / 2;
    }

    private static void Count(IReadOnlyList<int[]> columns, IReadOnlyList<int> sizes, double[] counts)
    {
        for (int i = 0; i < columns[0].Length; i++)
        {
            int cell = 0;
            for (int c = 0; c < columns.Count; c++) cell = cell * sizes[c] + columns[c][i];
            counts[cell]++;
        }
    }
}
