using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// The wide-table floor (kind <c>wide</c>): 10,000 columns × 1,000 rows, fit + sample of 1,000 rows with the default
/// synthesizer in at most 30 s and 2 GB peak RSS. The table is generated in the child: two planted factors (the first
/// half of the numeric columns loads 0.8 on one, the rest 0.7 on the other) and one categorical in 20 cut from the
/// first; the recovered within-half correlations are reported beside the planted 0.64 and 0.49.
/// </summary>
internal static class WideMeasurement
{
    public const int Columns = 10_000, Rows = 1_000;

    public static Dictionary<string, object> Run(string synthesizer, long rows, int runs)
    {
        var build = Stopwatch.StartNew();
        var (table, metadata) = Table();
        var result = new Dictionary<string, object>
        {
            ["kind"] = "wide", ["dataset"] = $"wide-{Columns}x{Rows}", ["synthesizer"] = synthesizer, ["rows"] = rows,
            ["trainRows"] = Rows, ["columns"] = Columns, ["loadSeconds"] = build.Elapsed.TotalSeconds,
        };
        var recipe = SynthesizerCatalog.Create(synthesizer);
        SynthesisModel? model = null;
        Table? synthetic = null;
        var fitSeconds = new List<double>();
        result["seconds"] = Timing.Runs(() =>
        {
            var watch = Stopwatch.StartNew();
            model = recipe.Fit(table, metadata);
            fitSeconds.Add(watch.Elapsed.TotalSeconds);
            synthetic = model.Sample((int)rows, new SampleOptions { Seed = 1 });
        }, runs);
        result["fitSeconds"] = fitSeconds.Skip(1).ToList();
        result["correlationA"] = MeanCorrelation(synthetic!, 0, 2);
        result["correlationB"] = MeanCorrelation(synthetic!, Columns / 2, Columns / 2 + 2);
        result["correlationAcross"] = MeanCorrelation(synthetic!, 0, Columns / 2 + 1);
        return result;
    }

    private static (Table, TableMetadata) Table()
    {
        var random = new RandomStream(10, 0);
        var columns = new Column[Columns];
        var meta = new ColumnMetadata[Columns];
        var a = new double[Rows];
        var b = new double[Rows];
        for (int i = 0; i < Rows; i++) { a[i] = random.NextNormal(); b[i] = random.NextNormal(); }
        for (int j = 0; j < Columns; j++)
        {
            bool first = j < Columns / 2;
            double loading = first ? 0.8 : 0.7;
            var factor = first ? a : b;
            var values = new double[Rows];
            for (int i = 0; i < Rows; i++) values[i] = Math.Round(loading * factor[i] + Math.Sqrt(1 - loading * loading) * random.NextNormal(), 3);
            if (j % 20 == 19)
            {
                columns[j] = new CategoryColumn($"c{j}", [.. values.Select(v => v > 0.8 ? 2 : v > 0 ? 0 : v > -0.8 ? 3 : 1)], ["b", "d", "a", "c"]);
                meta[j] = new ColumnMetadata($"c{j}", SemanticType.Categorical);
            }
            else
            {
                columns[j] = new NumberColumn($"c{j}", values);
                meta[j] = new ColumnMetadata($"c{j}", SemanticType.Numerical) { Decimals = 3 };
            }
        }
        return (new Table(columns), new TableMetadata("wide", meta));
    }

    /// <summary>Mean Pearson correlation of columns (first + 2i, second + 2i) over 50 numeric pairs.</summary>
    private static double MeanCorrelation(Table table, int first, int second)
    {
        var pairs = Enumerable.Range(0, 200).Select(i => (first + 2 * i, second + 2 * i))
            .Where(p => table.Columns[p.Item1] is NumberColumn && table.Columns[p.Item2] is NumberColumn).Take(50);
        return pairs.Average(p => Pearson(((NumberColumn)table.Columns[p.Item1]).Values, ((NumberColumn)table.Columns[p.Item2]).Values));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>The "Wide tables" section of docs/benchmarks.md.</summary>
    public static void Render(StringBuilder md, IReadOnlyList<Measurement> results, CultureInfo culture)
    {
        var measured = results.Where(r => r.Kind == "wide").ToList();
        if (measured.Count == 0) return;
        md.AppendLine("## Wide tables (issue #10)").AppendLine();
        md.AppendLine(string.Create(culture, $"{Columns:N0} columns × {Rows:N0} rows") +
            " (two planted factors: within-half correlations 0.64 and 0.49, none across; one column in 20 categorical), " +
            "fit + sample of the rows into memory, median of the runs. Floor: at most 30 s and 2 GB peak RSS.").AppendLine();
        md.AppendLine("| synthesizer | fit + sample s (min–max) | fit s | peak RSS | correlation within halves (planted 0.64 / 0.49) | across | verdict |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in measured)
        {
            var fit = m.Raw.GetProperty("fitSeconds").EnumerateArray().Select(e => e.GetDouble()).Order().ToArray();
            bool met = m.Median <= 30 && m.PeakRss <= 2L << 30;
            md.AppendLine(string.Create(culture,
                $"| {m.Synthesizer} | {m.Median:0.00} ({m.Min:0.00}–{m.Max:0.00}) | {fit[fit.Length / 2]:0.00} | {m.PeakRss / 1048576.0:N0} MiB | {m.Number("correlationA"):0.000} / {m.Number("correlationB"):0.000} | {m.Number("correlationAcross"):0.000} | {(met ? "met" : "**missed**")} |"));
        }
        md.AppendLine();
    }
}
