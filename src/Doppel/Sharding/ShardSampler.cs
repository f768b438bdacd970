using Doppel.IO;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Sharding;

/// <summary>
/// Writes one shard of a sample into its part file: atomically (a temporary file renamed with its digest), so a part
/// that exists under its name is complete, whatever killed the writer.
/// </summary>
public static class ShardSampler
{
    /// <summary>Stream ids (of the sample's seed) that give each shard its own seed; far from any batch's or part's streams.</summary>
    private const ulong ShardStreams = 0x5A4D_0000_0000_0000UL;

    /// <summary>The seed shard <paramref name="shard"/> samples its batches with: derived from (seed, shard) only.</summary>
    public static ulong ShardSeed(ulong seed, int shard) => new RandomStream(seed, ShardStreams + (ulong)shard).NextUInt64();

    /// <summary>
    /// Samples <paramref name="job"/> with <paramref name="model"/> into its part and returns the part's digest; a part
    /// already written for the same job whose bytes still match its digest is kept, not written again.
    /// </summary>
    /// <remarks>Byte-identical output for the same job whatever <paramref name="threads"/>.</remarks>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when the part cannot be written (nothing is left under its name);
    /// <see cref="ErrorKind.Usage"/> for a model with constraints, which partitioned output does not support yet.</exception>
    public static ShardDigest Sample(SynthesisModel model, ShardJob job, int threads, CancellationToken cancel = default) => Sample(model, job, threads, null, cancel);

    /// <summary><see cref="Sample(SynthesisModel, ShardJob, int, CancellationToken)"/> with the part's stream wrapped (tests simulate a full disk).</summary>
    internal static ShardDigest Sample(SynthesisModel model, ShardJob job, int threads, Func<Stream, Stream>? wrap, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(job);
        CheckSupported(model);
        if (Verified(job) is { } kept) return kept;
        long bytes = 0;
        string sha256 = "";
        AtomicFile.Write(job.PartPath, overwrite: true, stream =>
        {
            using var hashing = new HashingStream(wrap is null ? stream : wrap(stream));
            using (var writer = TableFiles.OpenWriter(job.PartPath, hashing, model.Metadata))
            {
                var options = new SampleOptions { Seed = ShardSeed(job.Seed, job.Shard), Threads = threads };
                SamplingPipeline.Run(model, job.Rows, options, writer, null, cancel, rowOffset: job.FirstRow);
            }
            hashing.Flush();
            (bytes, sha256) = (hashing.BytesWritten, hashing.Sha256);
        }, job.DigestPath, stream => PartDigestFile.For(job, bytes, sha256).WriteTo(stream), cancel);
        return new ShardDigest(job.Shard, job.PartName, job.FirstRow, job.Rows, bytes, sha256);
    }

    /// <summary>The digest of the part already written for <paramref name="job"/>, when its digest names this job and its bytes still hash to it; else null.</summary>
    public static ShardDigest? Verified(ShardJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!File.Exists(job.PartPath) || PartDigestFile.TryLoad(job.DigestPath) is not { } digest || !digest.Describes(job)) return null;
        try
        {
            if (new FileInfo(job.PartPath).Length != digest.Bytes || Fingerprint.OfFile(job.PartPath) != digest.Sha256) return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        return digest.Digest(job);
    }

    /// <summary>Refuses a model whose own constraints need one run over all rows (uniqueness across parts is not planned yet).</summary>
    public static void CheckSupported(SynthesisModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.CheckConstraints([]).Count > 0)
            throw new DoppelException(ErrorKind.Usage, "This model carries constraints (fit --constraint); partitioned output (--partitions, --rows-per-file) does not enforce them yet. Sample into one file instead.");
    }

    /// <summary>The extension of the parts for a format name (<c>parquet</c>, <c>csv</c>, <c>tsv</c>, <c>csv.gz</c>).</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for another name.</exception>
    public static string ExtensionOf(string format) => format.ToLowerInvariant() switch
    {
        "parquet" or "csv" or "tsv" or "csv.gz" or "tsv.gz" => format.ToLowerInvariant(),
        _ => throw new DoppelException(ErrorKind.Usage, $"--format '{format}' is not a part format; use parquet, csv, tsv, csv.gz or tsv.gz."),
    };

}
