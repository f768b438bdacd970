using System.Diagnostics;
using System.Globalization;
using System.Net;
using Doppel.Distributed;
using Doppel.IO;
using Doppel.Models;
using Doppel.Provenance;
using Doppel.Sharding;
using Doppel.Synthesizers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Doppel.Bench;

/// <summary>
/// Issue #13's cluster floor (kind <c>cluster</c>): ROWS rows of a gaussian-copula model of Adult (seed 1) sampled
/// into <see cref="Parts"/> Parquet parts, SYNTHESIZER <c>local</c> (this process on one core, one thread: the
/// single-process digest), <c>1-silo</c> or <c>2-silos</c> (silo processes of this harness, each pinned to its own
/// core with <c>taskset</c> and sampling with one thread, on loopback). Times the client's run from the first shard
/// call to the manifest (connections are made before); run 0 is the warm-up of the silos' JIT and model cache.
/// </summary>
internal static class ClusterMeasurement
{
    public const int Parts = 64;
    public const string Local = "local", OneSilo = "1-silo", TwoSilos = "2-silos";
    public static readonly string[] Variants = [Local, OneSilo, TwoSilos];
    private const ulong Seed = 7;

    public static Dictionary<string, object> Run(Dataset dataset, string variant, long rows, int runs)
    {
        string work = Directory.CreateTempSubdirectory("doppel-bench-cluster-").FullName;
        var silos = new List<Process>();
        try
        {
            var (table, metadata) = TableFiles.Load(dataset.TrainFile);
            var model = new GaussianCopulaSynthesizer().Fit(table, metadata);
            string modelPath = Path.Combine(work, "adult.doppel");
            ModelFile.Save(model, modelPath);
            string sha = Fingerprint.OfFile(modelPath);
            var plan = ShardPlan.Even(rows, Parts);
            int count = variant switch { OneSilo => 1, TwoSilos => 2, _ => 0 };
            string clusterId = $"bench-{Environment.ProcessId}";
            int basePort = 21000 + Environment.ProcessId % 500 * 8;
            for (int i = 0; i < count; i++) silos.Add(StartSilo(i, basePort, clusterId));
            if (count == 0 && OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = 1; // one core, like a silo

            IHost? client = null;
            if (count > 0)
            {
                client = ClusterHosting.Client([.. Enumerable.Range(0, count).Select(i => new IPEndPoint(IPAddress.Loopback, basePort + 4 + i))], clusterId);
                client.StartAsync().GetAwaiter().GetResult();
            }
            var seconds = new List<double>();
            string digest = "";
            int warmups = rows > ClusterReport.Rows ? 0 : 1; // a 100M run is minutes long: no warm-up needed
            for (int r = 1 - warmups; r <= runs; r++)
            {
                string folder = Path.Combine(work, $"out-{r}");
                Directory.CreateDirectory(folder);
                var jobs = ShardJob.Of(plan, sha, Seed, "parquet", folder);
                var watch = Stopwatch.StartNew();
                var manifest = client is null
                    ? PartitionedOutput.Sample(model, sha, jobs, "parquet", 1)
                    : PartitionedOutput.Finish(model, sha, jobs, "parquet",
                        new ClusterSampler(client.Services.GetRequiredService<IClusterClient>()).RunAsync(modelPath, jobs).GetAwaiter().GetResult());
                watch.Stop();
                digest = manifest.DatasetDigest;
                Directory.Delete(folder, recursive: true);
                if (r > 0) seconds.Add(watch.Elapsed.TotalSeconds);
            }
            client?.StopAsync().GetAwaiter().GetResult();
            client?.Dispose();
            return new Dictionary<string, object>
            {
                ["kind"] = "cluster", ["dataset"] = dataset.Name, ["synthesizer"] = variant, ["rows"] = rows, ["parts"] = Parts,
                ["silos"] = count, ["seconds"] = seconds, ["datasetDigest"] = digest,
            };
        }
        finally
        {
            foreach (var silo in silos)
            {
                try { silo.Kill(entireProcessTree: true); silo.WaitForExit(); } catch (InvalidOperationException) { }
                silo.Dispose();
            }
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Starts silo <paramref name="index"/> on its own core and waits until it says it is running.</summary>
    private static Process StartSilo(int index, int basePort, string clusterId)
    {
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string arg in new[] { "-c", (index % Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture), "dotnet", typeof(ClusterMeasurement).Assembly.Location, "silo",
                     (basePort + index).ToString(CultureInfo.InvariantCulture), (basePort + 4 + index).ToString(CultureInfo.InvariantCulture),
                     basePort.ToString(CultureInfo.InvariantCulture), clusterId })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        string? line = process.StandardOutput.ReadLine();
        if (line != "running") throw new InvalidOperationException($"Silo {index} did not start: {line}");
        return process;
    }

    /// <summary>
    /// The silo process: <c>silo SILO_PORT GATEWAY_PORT PRIMARY_PORT CLUSTER_ID</c>; one sampling thread per shard;
    /// prints <c>running</c> when started and stops when its standard input closes.
    /// </summary>
    public static int Silo(string[] args)
    {
        int port = int.Parse(args[0], CultureInfo.InvariantCulture), gateway = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var host = ClusterHosting.Silo(port, gateway, int.Parse(args[2], CultureInfo.InvariantCulture), args[3], new SiloSettings { Threads = 1 });
        host.StartAsync().GetAwaiter().GetResult();
        Console.WriteLine("running");
        Console.Out.Flush();
        while (Console.In.ReadLine() is not null) { }
        host.StopAsync().GetAwaiter().GetResult();
        return 0;
    }
}
