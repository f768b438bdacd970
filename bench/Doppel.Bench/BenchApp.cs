namespace Doppel.Bench;

/// <summary>
/// The benchmark harness. Without arguments it measures every single-table dataset in ../shared/datasets with every
/// synthesizer, each measurement in a fresh child process (one warm-up, then at least five runs; median, min, max;
/// peak RSS), and writes docs/benchmarks.md. <c>child ...</c> is the child-process entry point, <c>silo ...</c> a
/// silo of the cluster kind.
/// </summary>
internal static class BenchApp
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "child") return ChildMeasurement.Run(args[1..]);
        if (args.Length > 0 && args[0] == "silo") return ClusterMeasurement.Silo(args[1..]);
        return Orchestrator.Run(BenchOptions.Parse(args));
    }
}

/// <summary>
/// Harness options: <c>--datasets DIR</c>, <c>--only NAME[,NAME]</c>, <c>--runs N</c>, <c>--output FILE</c>, and
/// <c>--render RESULTS.json</c> to re-render the report from a previous run's measurements without measuring;
/// <c>--kinds KIND[,KIND]</c> to measure only some kinds (e.g. <c>dp</c>) and <c>--reuse RESULTS.json</c> to keep a
/// previous run's measurements of everything not measured again (each measurement records when it was taken).
/// </summary>
internal sealed record BenchOptions(string DatasetsFolder, string[]? Only, int Runs, string Output, string RepoRoot, string? FromJson = null,
    string[]? Kinds = null, string? Reuse = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string root = FindRepoRoot();
        string datasets = Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets"));
        string[]? only = null;
        int runs = 5;
        string output = Path.Combine(root, "docs", "benchmarks.md");
        string? fromJson = null, reuse = null;
        string[]? kinds = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--datasets": datasets = args[++i]; break;
                case "--only": only = args[++i].Split(','); break;
                case "--runs": runs = Math.Max(5, int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)); break;
                case "--output": output = args[++i]; break;
                case "--render": fromJson = args[++i]; break;
                case "--kinds": kinds = args[++i].Split(','); break;
                case "--reuse": reuse = args[++i]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --datasets DIR, --only NAME[,NAME], --runs N (>= 5), --output FILE, --render RESULTS.json, --kinds KIND[,KIND], --reuse RESULTS.json.");
            }
        }
        return new BenchOptions(datasets, only, runs, output, root, fromJson, kinds, reuse);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Doppel.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
