using Doppel.Provenance;
using Doppel.Synthesizers;

namespace Doppel.Sharding;

/// <summary>
/// A sample written as a folder of parts (one per shard) and <c>_manifest.json</c>: prepared, sampled here in parallel
/// (or by the distributed runner), then finished with the manifest once every part is complete.
/// </summary>
public static class PartitionedOutput
{
    /// <summary>
    /// Makes <paramref name="folder"/> ready for <paramref name="jobs"/>: created when missing (its parent must exist);
    /// an old manifest is removed first, so an interrupted run never leaves one claiming success. Without
    /// <paramref name="overwrite"/>, a complete output (a manifest) or a part file that is not this plan's (no matching
    /// digest) is refused; parts of the same plan are kept, so a restarted run resumes.
    /// </summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when the folder cannot or may not be used.</exception>
    public static void Prepare(string folder, IReadOnlyList<ShardJob> jobs, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        string full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new DoppelException(ErrorKind.IO, $"{folder} is a file; partitioned output (--partitions, --rows-per-file) goes into a folder. Name a folder.");
        string manifest = Path.Combine(full, PartitionedManifest.FileName);
        try
        {
            if (!Directory.Exists(full))
            {
                string parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
                if (!Directory.Exists(parent)) throw new DoppelException(ErrorKind.IO, $"Cannot write {folder}: the folder {parent} does not exist. Create it first.");
                Directory.CreateDirectory(full);
                return;
            }
            if (!overwrite)
            {
                if (File.Exists(manifest)) throw new DoppelException(ErrorKind.IO, $"{folder} already holds a complete partitioned output ({PartitionedManifest.FileName}). Pass --force to replace it.");
                foreach (var job in jobs)
                    if (File.Exists(job.PartPath) && ShardSampler.Verified(job) is null)
                        throw new DoppelException(ErrorKind.IO, $"{job.PartPath} exists and is not a part of this run (same model, seed and plan). Pass --force to replace it.");
            }
            File.Delete(manifest);
            if (overwrite) DeleteStaleParts(full, jobs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot write {folder}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Samples every job of the plan here, shards in parallel (each written atomically, verified parts kept), then
    /// writes the manifest (signed with <paramref name="signingKey"/> when given). Byte-identical parts and digest for
    /// any <paramref name="threads"/>.
    /// </summary>
    public static PartitionedManifest Sample(SynthesisModel model, string modelSha256, IReadOnlyList<ShardJob> jobs, string partFormat, int threads,
        IProgress<long>? progress = null, SigningKey? signingKey = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ShardSampler.CheckSupported(model);
        int workers = Math.Clamp(Math.Min(threads, jobs.Count), 1, Math.Max(1, threads));
        int perShard = Math.Max(1, threads / workers); // few large shards still use every thread
        var digests = new ShardDigest[jobs.Count];
        long done = 0;
        Parallelism.For(0, jobs.Count, k =>
        {
            digests[k] = ShardSampler.Sample(model, jobs[k], perShard, cancel);
            progress?.Report(Interlocked.Add(ref done, jobs[k].Rows));
        }, workers, cancel);
        return Finish(model, modelSha256, jobs, partFormat, digests, signingKey);
    }

    /// <summary>
    /// Writes the manifest of <paramref name="digests"/> (every job's, in shard order) into the jobs' folder, signed
    /// with <paramref name="signingKey"/> when given, and returns it.
    /// </summary>
    public static PartitionedManifest Finish(SynthesisModel model, string modelSha256, IReadOnlyList<ShardJob> jobs, string partFormat, IReadOnlyList<ShardDigest> digests,
        SigningKey? signingKey = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(digests);
        if (digests.Count != jobs.Count) throw new ArgumentException("A digest per job is needed.", nameof(digests));
        var manifest = PartitionedManifest.For(model, modelSha256, jobs.Count == 0 ? 0 : jobs[0].Seed, partFormat, digests);
        if (signingKey is not null) manifest = manifest.SignedWith(signingKey);
        if (jobs.Count > 0) manifest.Save(jobs[0].Folder);
        return manifest;
    }

    /// <summary>Deletes part files and digests that the plan does not name (a replaced output with more parts), so <c>folder/*.parquet</c> reads only this run.</summary>
    private static void DeleteStaleParts(string folder, IReadOnlyList<ShardJob> jobs)
    {
        var keep = new HashSet<string>(jobs.SelectMany(j => new[] { j.PartPath, j.DigestPath }).Select(Path.GetFullPath), StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(folder, "part-*").Concat(Directory.EnumerateFiles(folder, "_part-*")))
            if (!keep.Contains(Path.GetFullPath(file))) File.Delete(file);
    }
}
