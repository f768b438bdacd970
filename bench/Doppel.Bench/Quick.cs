using System.Diagnostics;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Bench;

internal static class Quick
{
    public static int Run(string[] args)
    {
        var (train, meta) = TableFiles.Load(args[0]);
        var synth = SynthesizerCatalog.Create(args.Length > 1 ? args[1] : "gaussian-copula");
        var w = Stopwatch.StartNew();
        var model = synth.Fit(train, meta);
        Console.WriteLine($"fit {w.Elapsed.TotalSeconds:0.000}s");
        w.Restart();
        var syn = model.Sample(train.RowCount, new SampleOptions { Seed = 1 });
        Console.WriteLine($"sample {w.Elapsed.TotalSeconds:0.000}s");
        var acc = Accuracy.Compute(train, syn, meta);
        Console.WriteLine($"accuracy uni {acc.Univariate:0.0000} bi {acc.Bivariate:0.0000} overall {acc.Overall:0.0000}");
        return 0;
    }
}

internal static class Ceiling
{
    public static int Run(string[] args)
    {
        var (train, meta) = TableFiles.Load(args[0]);
        var (holdout, _) = TableFiles.Load(args[1], meta);
        var acc = Accuracy.Compute(train, holdout, meta);
        Console.WriteLine($"ceiling uni {acc.Univariate:0.0000} bi {acc.Bivariate:0.0000} overall {acc.Overall:0.0000}");
        return 0;
    }
}

internal static class Speed
{
    public static int Run(string[] args)
    {
        var (train, meta) = TableFiles.Load(args[0]);
        long rows = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var model = SynthesizerCatalog.Create(args.Length > 2 ? args[2] : "gaussian-copula").Fit(train, meta);
        for (int rep = 0; rep < 3; rep++)
        {
            var w = Stopwatch.StartNew();
            using (var mem = new MemoryTableWriter()) model.Sample(rows, new SampleOptions { Seed = 1 }, mem);
            double memory = rows / w.Elapsed.TotalSeconds;
            w.Restart();
            using (var devnull = new FileStream("/tmp/d/speed.csv", FileMode.Create))
            using (var csv = new CsvTableWriter(devnull, meta)) model.Sample(rows, new SampleOptions { Seed = 1 }, csv);
            Console.WriteLine($"memory {memory:N0} rows/s   csv {rows / w.Elapsed.TotalSeconds:N0} rows/s");
        }
        return 0;
    }
}
