namespace Doppel.Synthesizers.Mst;

/// <summary>
/// The synthesized columns after the domain and one-way steps: per row each column's group, the noisy one-way counts
/// per group with their noise variances, and the estimated row count. What the structure steps measure from.
/// </summary>
/// <param name="Codes">Per column, per row its group.</param>
/// <param name="Sizes">Per column its number of groups.</param>
/// <param name="OneWay">Per column the noisy count of each group.</param>
/// <param name="OneWayVariance">Per column and group the noise variance of its count.</param>
/// <param name="Total">The estimated number of rows.</param>
/// <param name="Names">Per column its name (for the budget's ledger).</param>
/// <param name="ColumnOf">Per column its metadata index.</param>
internal sealed record CodedColumns(int[][] Codes, int[] Sizes, double[][] OneWay, double[][] OneWayVariance, double Total, string[] Names, int[] ColumnOf)
{
    public int Count => Codes.Length;

    public int Rows => Codes.Length == 0 ? 0 : Codes[0].Length;

    /// <summary>The true counts of columns (a, b), a's group slowest.</summary>
    public double[] Counts(int a, int b)
    {
        var counts = new double[Sizes[a] * Sizes[b]];
        var ca = Codes[a];
        var cb = Codes[b];
        for (int i = 0; i < ca.Length; i++) counts[ca[i] * Sizes[b] + cb[i]]++;
        return counts;
    }

    /// <summary>The clipped, normalized one-way shares of column <paramref name="j"/>.</summary>
    public double[] Shares(int j)
    {
        var clipped = OneWay[j].Select(v => Math.Max(v, 0)).ToArray();
        double sum = clipped.Sum();
        return sum > 0 ? [.. clipped.Select(v => v / sum)] : [.. clipped.Select(_ => 1.0 / clipped.Length)];
    }
}

/// <summary>The estimated model: sampling order and per column its conditional table (parents as metadata indices).</summary>
internal sealed record MeasuredModel(int[] Order, Bayes.ConditionalTable[] Tables);
