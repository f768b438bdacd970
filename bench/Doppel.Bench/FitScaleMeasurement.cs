using System.Diagnostics;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

/// <summary>
/// Issue #13's fit-from-the-file and sink floors (kind <c>fitscale</c>) on the Adult-shaped CSV of ROWS rows that
/// kind <c>read</c> makes. A synthesizer name times load + fit from the file per run (the floor), recording the load
/// and the fit apart too. SYNTHESIZER <c>parquet</c> samples ROWS rows of the copula into CSV and into Parquet
/// alternately in one process (so both see the same machine) and reports both times; the floor is Parquet's rows/s
/// at 70% of CSV's or more.
/// </summary>
internal static class FitScaleMeasurement
{
    /// <summary>The variant that compares the sinks.</summary>
    public const string Sinks = "parquet";

    public static Dictionary<string, object> Run(Dataset dataset, string synthesizer, long rows, int runs)
    {
        string path = Path.Combine(Path.GetTempPath(), $"doppel-bench-fitscale-{Environment.ProcessId}.csv");
        try
        {
            ReadMeasurement.MakeFile(dataset, rows, path);
            var result = new Dictionary<string, object>
            {
                ["kind"] = "fitscale", ["dataset"] = dataset.Name, ["synthesizer"] = synthesizer, ["rows"] = rows,
                ["fileBytes"] = new FileInfo(path).Length,
            };
            if (synthesizer == Sinks) CompareSinks(path, rows, runs, result);
            else FitFromFile(path, synthesizer, runs, result);
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void FitFromFile(string path, string synthesizer, int runs, Dictionary<string, object> result)
    {
        var total = new List<double>();
        var load = new List<double>();
        var fit = new List<double>();
        for (int r = 0; r <= runs; r++) // run 0 is the warm-up
        {
            var watch = Stopwatch.StartNew();
            var (table, metadata) = TableFiles.Load(path);
            double loaded = watch.Elapsed.TotalSeconds;
            _ = SynthesizerCatalog.Create(synthesizer).Fit(table, metadata);
            double done = watch.Elapsed.TotalSeconds;
            if (r == 0) continue;
            total.Add(done);
            load.Add(loaded);
            fit.Add(done - loaded);
        }
        result["seconds"] = total;
        result["loadSeconds"] = load;
        result["fitSeconds"] = fit;
    }

    private static void CompareSinks(string path, long rows, int runs, Dictionary<string, object> result)
    {
        var (table, metadata) = TableFiles.Load(path);
        var model = SynthesizerCatalog.Create(GaussianCopulaSynthesizer.SynthesizerName).Fit(table, metadata);
        var csv = new List<double>();
        var parquet = new List<double>();
        for (int r = 0; r <= runs; r++)
        {
            double c = SampleInto(model, rows, path + ".out.csv");
            double p = SampleInto(model, rows, path + ".out.parquet");
            if (r == 0) continue;
            csv.Add(c);
            parquet.Add(p);
        }
        result["csvSeconds"] = csv;
        result["seconds"] = parquet;
    }

    private static double SampleInto(SynthesisModel model, long rows, string output)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = TableFiles.OpenWriter(output, stream, model.Metadata))
                model.Sample(rows, new SampleOptions { Seed = 1 }, writer);
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(output);
        }
    }
}
