using System.Diagnostics;
using System.Text;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Sylvan.Data.Csv;

namespace Doppel.Bench;

/// <summary>
/// Issue #13's reading and fit-at-scale floors (kind <c>read</c>) on an Adult-shaped CSV of ROWS rows, made in the
/// child by sampling a gaussian-copula model of Adult (seed 1) and deleted afterwards. SYNTHESIZER <c>read</c> times
/// Sylvan's raw parse (every field's span touched, nothing converted: the limit to compare with) and Doppel's read +
/// detect + convert (<see cref="TableFiles.Load"/>) alternately in one process, so both see the same machine; a
/// synthesizer name times its fit on the loaded table (fit only; the load is reported separately).
/// </summary>
internal static class ReadMeasurement
{
    /// <summary>The variant that measures reading.</summary>
    public const string Reading = "read";

    public static Dictionary<string, object> Run(Dataset dataset, string synthesizer, long rows, int runs)
    {
        string path = Path.Combine(Path.GetTempPath(), $"doppel-bench-read-{Environment.ProcessId}.csv");
        try
        {
            MakeFile(dataset, rows, path);
            long bytes = new FileInfo(path).Length;
            var result = new Dictionary<string, object>
            {
                ["kind"] = "read", ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows, ["fileBytes"] = bytes,
            };
            if (synthesizer == Reading)
            {
                var sylvan = new List<double>();
                var doppel = new List<double>();
                for (int r = 0; r <= runs; r++) // run 0 is the warm-up of both
                {
                    double s = Seconds(() => SylvanFields(path));
                    double d = Seconds(() => TableFiles.Load(path));
                    if (r == 0) continue;
                    sylvan.Add(s);
                    doppel.Add(d);
                }
                result["sylvanSeconds"] = sylvan;
                result["seconds"] = doppel;
            }
            else
            {
                var load = Stopwatch.StartNew();
                var (table, metadata) = TableFiles.Load(path);
                result["loadSeconds"] = load.Elapsed.TotalSeconds;
                var recipe = SynthesizerCatalog.Create(synthesizer);
                result["seconds"] = Timing.Runs(() => recipe.Fit(table, metadata), runs);
            }
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Seconds(Action once)
    {
        var watch = Stopwatch.StartNew();
        once();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>ROWS synthetic Adult rows written as `doppel sample` writes them.</summary>
    public static void MakeFile(Dataset dataset, long rows, string path)
    {
        var (train, _, metadata) = dataset.Load();
        var model = SynthesizerCatalog.Create(GaussianCopulaSynthesizer.SynthesizerName).Fit(train, metadata);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new CsvTableWriter(file, metadata);
        model.Sample(rows, new SampleOptions { Seed = 1 }, writer);
    }

    /// <summary>Sylvan alone, with Doppel's options: every field of every row as a span; returns their total length.</summary>
    private static long SylvanFields(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var text = new StreamReader(stream, new UTF8Encoding(false, true), true, 1 << 16);
        using var reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Comment = '\0', BufferSize = 1 << 16, MaxBufferSize = 1 << 26 });
        long total = 0;
        while (reader.Read())
            for (int c = 0; c < reader.RowFieldCount; c++) total += reader.GetFieldSpan(c).Length;
        return total;
    }
}
