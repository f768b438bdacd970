using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// The association matrix shown as heatmaps: Pearson's r for two numerical/datetime columns (NaN when one is constant), Cramér's V (0 to 1) on
/// the accuracy bins when a categorical is involved. Computed the same way for real and synthetic data.
/// </summary>
public static class Associations
{
    /// <summary>The d × d matrix over <paramref name="columns"/>; bins come from <paramref name="reference"/> (the real data).</summary>
    public static double[,] Compute(Table table, Table reference, TableMetadata metadata, IReadOnlyList<string> columns)
    {
        int d = columns.Count;
        var bins = new int[d][];
        var sizes = new int[d];
        var numbers = new double[d][];
        for (int c = 0; c < d; c++)
        {
            var binning = Binning.Learn(reference[columns[c]], metadata.Find(columns[c])?.Type ?? SemanticType.Categorical);
            bins[c] = binning.Apply(table[columns[c]]);
            sizes[c] = binning.Count;
            numbers[c] = table[columns[c]] is NumberColumn or DateTimeColumn ? NumericValues.Read(table[columns[c]]) : [];
        }
        var matrix = new double[d, d];
        Parallelism.For(0, d, a =>
        {
            matrix[a, a] = 1;
            for (int b = 0; b < a; b++)
            {
                bool numeric = numbers[a].Length > 0 && numbers[b].Length > 0
                               && metadata.Find(columns[a])?.Type != SemanticType.Categorical && metadata.Find(columns[b])?.Type != SemanticType.Categorical;
                double value = numeric ? Pearson.Of(numbers[a], numbers[b]) : CramersV(bins[a], bins[b], sizes[a], sizes[b]);
                matrix[a, b] = value;
                matrix[b, a] = value;
            }
        });
        return matrix;
    }

    /// <summary>Cramér's V of two binned columns (nulls are their own bin).</summary>
    internal static double CramersV(int[] a, int[] b, int sizeA, int sizeB)
    {
        var joint = new double[sizeA, sizeB];
        var rows = new double[sizeA];
        var cols = new double[sizeB];
        int n = a.Length;
        for (int i = 0; i < n; i++) { joint[a[i], b[i]]++; rows[a[i]]++; cols[b[i]]++; }
        double chi2 = 0;
        for (int i = 0; i < sizeA; i++)
            for (int j = 0; j < sizeB; j++)
            {
                double expected = rows[i] * cols[j] / n;
                if (expected > 0) chi2 += (joint[i, j] - expected) * (joint[i, j] - expected) / expected;
            }
        int r = rows.Count(v => v > 0), k = cols.Count(v => v > 0);
        int m = Math.Min(r, k) - 1;
        return m <= 0 || n == 0 ? 0 : Math.Clamp(Math.Sqrt(chi2 / n / m), 0, 1);
    }
}
