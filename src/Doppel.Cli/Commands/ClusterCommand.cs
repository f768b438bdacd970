using System.CommandLine;
using Doppel.Distributed;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel cluster silo</c>: start a silo that runs shards of partitioned samples (localhost membership, for development).</summary>
internal static class ClusterCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "The silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway-port") { Description = "The port clients (doppel sample --cluster) connect to.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<int?>("--primary-port") { Description = "The silo port of the cluster's first silo (default: this silo's, i.e. this one is the first)." };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id.", DefaultValueFactory = _ => ClusterHosting.DefaultClusterId };
        var threads = CommandSupport.Threads();
        var silo = new Command("silo", "Start a silo on 127.0.0.1 that runs shards of 'doppel sample --cluster' until stopped (Ctrl-C).") { port, gateway, primary, clusterId, threads };
        silo.SetAction(parse =>
        {
            int own = parse.GetValue(port);
            var settings = new SiloSettings { Threads = parse.GetValue(threads) ?? Environment.ProcessorCount };
            using var host = ClusterHosting.Silo(own, parse.GetValue(gateway), parse.GetValue(primary) ?? own, parse.GetValue(clusterId)!, settings);
            try { host.StartAsync().GetAwaiter().GetResult(); }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OrleansException)
            {
                throw new DoppelException(ErrorKind.IO, $"Cannot start the silo on ports {own}/{parse.GetValue(gateway)}: {e.Message}", e);
            }
            if (!CommandSupport.IsQuiet(parse))
                console.Error.WriteLine($"Silo running: silo port {own}, gateway 127.0.0.1:{parse.GetValue(gateway)}, cluster '{parse.GetValue(clusterId)}', {settings.Threads} threads per shard. Ctrl-C stops it.");
            using var stop = new ManualResetEventSlim();
            using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
            using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
            stop.Wait();
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10))) host.StopAsync(grace.Token).GetAwaiter().GetResult();
            return 0;
        });
        return new Command("cluster", "Run Doppel on an Orleans cluster (see docs/scale.md).") { silo };
    }
}
