using System.CommandLine;
using System.Diagnostics;
using Doppel.Distributed;
using Doppel.Models;
using Doppel.Provenance;
using Doppel.Sharding;

namespace Doppel.Cli.Commands;

/// <summary>
/// The options of <c>sample</c> that write a folder of parts (one per shard) and <c>_manifest.json</c>:
/// <c>--partitions N</c> or <c>--rows-per-file R</c>, <c>--format</c>, and <c>--cluster</c> to run the shards on an
/// Orleans cluster instead of here.
/// </summary>
internal sealed class PartitionOptions
{
    public Option<int?> Partitions { get; } = new("--partitions")
    {
        Description = "Write -o FOLDER as N parts (shards) and a manifest with every part's rows and SHA-256 and the dataset digest; the data depends on N, never on threads or machines.",
    };

    public Option<long?> RowsPerFile { get; } = new("--rows-per-file") { Description = "Like --partitions, with parts of this many rows (the last takes the rest)." };

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Format of the parts: parquet (default), csv, tsv, csv.gz or tsv.gz.",
        DefaultValueFactory = _ => "parquet",
    };

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = "Run the shards on a Doppel cluster: gateways HOST:PORT[,HOST:PORT...] of silos started with 'doppel cluster silo'. Every silo must read the model and write the folder at the same paths.",
    };

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "The cluster's id (as given to its silos).", DefaultValueFactory = _ => ClusterHosting.DefaultClusterId };

    public IEnumerable<Option> All => [Partitions, RowsPerFile, Format, Cluster, ClusterId];

    /// <summary>Whether the command line asks for partitioned output.</summary>
    public bool Requested(ParseResult parse) => parse.GetValue(Partitions) is not null || parse.GetValue(RowsPerFile) is not null || parse.GetValue(Cluster) is not null;

    /// <summary>Samples <paramref name="rows"/> into the folder <paramref name="target"/>, here or on the cluster; options that need one run over all rows are refused.</summary>
    public int Run(ParseResult parse, CliConsole console, string modelPath, string target, long? rows, ulong? seed, int threads, bool force, Provenance.SigningKey? key, IEnumerable<Option> unsupported)
    {
        foreach (var option in unsupported)
            if (parse.GetResult(option) is { Implicit: false })
                throw new DoppelException(ErrorKind.Usage, $"{option.Name} cannot be combined with partitioned output (--partitions, --rows-per-file, --cluster) yet; sample into one file instead.");
        if (rows is null) throw new DoppelException(ErrorKind.Usage, "--rows N is required.");
        if (parse.GetValue(Partitions) is not null && parse.GetValue(RowsPerFile) is not null)
            throw new DoppelException(ErrorKind.Usage, "Give --partitions or --rows-per-file, not both.");
        var plan = parse.GetValue(RowsPerFile) is { } perFile ? ShardPlan.PerPart(rows.Value, perFile) : ShardPlan.Even(rows.Value, parse.GetValue(Partitions) ?? 1);
        string format = ShardSampler.ExtensionOf(parse.GetValue(Format)!);
        string folder = Path.GetFullPath(target);
        CommandSupport.CheckNotInput(target, modelPath);
        var model = ModelFile.Load(modelPath, key);
        ShardSampler.CheckSupported(model);
        string modelSha256 = Fingerprint.OfFile(modelPath);
        ulong resolved = CommandSupport.ResolveSeed(seed, parse, console);
        var jobs = ShardJob.Of(plan, modelSha256, resolved, format, folder);
        PartitionedOutput.Prepare(folder, jobs, force);
        var watch = Stopwatch.StartNew();
        string? cluster = parse.GetValue(Cluster);
        PartitionedManifest manifest = null!;
        CommandSupport.WithProgress(parse, console, $"Sampling {plan.Rows:N0} rows into {plan.Shards:N0} parts{(cluster is null ? "" : " on the cluster")}", plan.Rows, progress =>
            manifest = cluster is null
                ? PartitionedOutput.Sample(model, modelSha256, jobs, format, threads, progress, signingKey: key)
                : DistributedSample.RunAsync(cluster, parse.GetValue(ClusterId)!, modelPath, model, modelSha256, jobs, format, progress, key, CancellationToken.None).GetAwaiter().GetResult());
        if (!CommandSupport.IsQuiet(parse))
            console.Error.WriteLine($"Wrote {manifest.Rows:N0} rows in {manifest.Parts.Count:N0} parts to {target} in {watch.Elapsed.TotalSeconds:0.00} s; " +
                                    $"dataset digest {manifest.DatasetDigest}; manifest {Path.Combine(target, PartitionedManifest.FileName)}.");
        return 0;
    }
}
