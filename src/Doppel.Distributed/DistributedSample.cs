using Doppel.Sharding;
using Doppel.Synthesizers;

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
        return await ClusterHosting.WithClient(gateways, clusterId, async client =>
        {
            var digests = await new ClusterSampler(client).RunAsync(Path.GetFullPath(modelPath), jobs, progress, cancel);
            return PartitionedOutput.Finish(model, modelSha256, jobs, partFormat, digests, signingKey);
        }, cancel);
    }
}
