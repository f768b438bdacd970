using Doppel.Sharding;
using Doppel.Synthesizers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Doppel.Distributed;

/// <summary>A partitioned sample written by a running cluster: the client plans, the silos write the parts, the client writes the manifest.</summary>
internal static class DistributedSample
{
    /// <summary>
    /// Connects to the cluster at <paramref name="gateways"/>, runs every job there and writes the manifest; the model
    /// file and the folder must be reachable by every silo at the same (absolute) paths.
    /// </summary>
    public static async Task<PartitionedManifest> RunAsync(string gateways, string clusterId, string modelPath, SynthesisModel model, string modelSha256,
        IReadOnlyList<ShardJob> jobs, string partFormat, IProgress<long>? progress, Provenance.SigningKey? signingKey, CancellationToken cancel)
    {
        var endpoints = ClusterHosting.ParseGateways(gateways);
        using var host = ClusterHosting.Client(endpoints, clusterId);
        try { await host.StartAsync(cancel); }
        catch (Exception e) when (e is OrleansException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot connect to the cluster at {gateways}: {e.Message}. Is a silo running there (doppel cluster silo)?", e);
        }
        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            var digests = await new ClusterSampler(client).RunAsync(Path.GetFullPath(modelPath), jobs, progress, cancel);
            return PartitionedOutput.Finish(model, modelSha256, jobs, partFormat, digests, signingKey);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
