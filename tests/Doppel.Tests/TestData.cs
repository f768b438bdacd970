using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Tests;

/// <summary>Helpers to build small tables and temporary files for tests.</summary>
internal static class TestData
{
    public static RawTable Csv(string text, ICollection<string>? warnings = null) =>
        CsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", null, warnings);

    public static (Table Table, TableMetadata Metadata) Load(string csv)
    {
        var raw = Csv(csv);
        var meta = MetadataDetector.Detect(raw, "test");
        return (TableConverter.Convert(raw, meta), meta);
    }

    /// <summary>A CSV text: <paramref name="header"/> then <paramref name="rows"/> lines made by <paramref name="row"/>.</summary>
    public static string Rows(string header, int rows, Func<int, string> row) =>
        header + "\n" + string.Join("\n", Enumerable.Range(0, rows).Select(row)) + "\n";

    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "doppel-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static double[] Numbers(Table table, string column)
    {
        var c = (NumberColumn)table[column];
        return [.. Enumerable.Range(0, c.Length).Where(i => !c.IsNull(i)).Select(i => c.Values[i])];
    }

    public static string?[] Labels(Table table, string column)
    {
        var c = (CategoryColumn)table[column];
        return [.. Enumerable.Range(0, c.Length).Select(i => c.IsNull(i) ? null : c.Categories[c.Codes[i]])];
    }

    /// <summary>Two-sample Kolmogorov–Smirnov statistic.</summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        var x = a.OrderBy(v => v).ToArray();
        var y = b.OrderBy(v => v).ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }

    /// <summary>The KS critical value at significance 0.001 for samples of size n and m.</summary>
    public static double KsCritical(int n, int m) => 1.95 * Math.Sqrt((double)(n + m) / ((double)n * m));

    /// <summary>Cramér's V (no bias correction) by the textbook χ² over the rows where both labels are present.</summary>
    public static double CramersV(string?[] a, string?[] b)
    {
        var rows = Enumerable.Range(0, a.Length).Where(i => a[i] is not null && b[i] is not null).ToArray();
        var joint = rows.GroupBy(i => (a[i]!, b[i]!)).ToDictionary(g => g.Key, g => (double)g.Count());
        var rowTotals = rows.GroupBy(i => a[i]!).ToDictionary(g => g.Key, g => (double)g.Count());
        var columnTotals = rows.GroupBy(i => b[i]!).ToDictionary(g => g.Key, g => (double)g.Count());
        double n = rows.Length, chi2 = 0;
        foreach (var (x, rx) in rowTotals)
            foreach (var (y, cy) in columnTotals)
            {
                double expected = rx * cy / n;
                double diff = joint.GetValueOrDefault((x, y)) - expected;
                chi2 += diff * diff / expected;
            }
        return Math.Sqrt(chi2 / (n * (Math.Min(rowTotals.Count, columnTotals.Count) - 1)));
    }

    public static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
