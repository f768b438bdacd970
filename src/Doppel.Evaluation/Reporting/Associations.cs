using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// The association matrix shown as heatmaps: Pearson's r for two numerical/datetime columns, Cramér's V (0 to 1) on
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
            var binning = Binning.Learn(reference[columns[c]]);
            bins[c] = binning.Apply(table[columns[c]]);
            sizes[c] = binning.Count;
            numbers[c] = table[columns[c]] switch
            {
                NumberColumn n => [.. Enumerable.Range(0, n.Length).Select(i => n.IsNull(i) ? double.NaN : n.Values[i])],
                DateTimeColumn t => [.. Enumerable.Range(0, t.Length).Select(i => t.IsNull(i) ? double.NaN : t.Ticks[i])],
                _ => [],
            };
        }
        var matrix = new double[d, d];
        Parallel.For(0, d, a =>
        {
            matrix[a, a] = 1;
            for (int b = 0; b < a; b++)
            {
                bool numeric = numbers[a].Length > 0 && numbers[b].Length > 0
                               && metadata.Find(columns[a])?.Type != SemanticType.Categorical && metadata.Find(columns[b])?.Type != SemanticType.Categorical;
                double value = numeric ? Pearson(numbers[a], numbers[b]) : CramersV(bins[a], bins[b], sizes[a], sizes[b]);
                matrix[a, b] = value;
                matrix[b, a] = value;
            }
        });
        return matrix;
    }

    private static double Pearson(double[] x, double[] y)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], b = y[i];
            if (double.IsNaN(a) || double.IsNaN(b)) continue;
            sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b; n++;
        }
        if (n < 3) return 0;
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        return vx <= 0 || vy <= 0 ? 0 : Math.Clamp(cov / Math.Sqrt(vx * vy), -1, 1);
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
