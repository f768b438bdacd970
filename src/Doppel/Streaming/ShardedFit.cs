using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers;

namespace Doppel.Streaming;

/// <summary>
/// An out-of-core fit whose passes over the data run elsewhere, a shard (one file) at a time — on the silos of a
/// distributed fit — while the client merges. The shards' sides read one file and answer bytes
/// (<see cref="StatisticsWire"/>); the client's sides merge them in shard order, exactly as
/// <see cref="StreamedCopula"/> and <see cref="StreamedFit.Sample"/> merge their per-file statistics, so the model
/// does not depend on where or in what order the shards ran.
/// </summary>
internal static class ShardedFit
{
    /// <summary>Shard side: pass 1 of a copula fit over file <paramref name="file"/>; its SHA-256 is added to <paramref name="hashes"/>.</summary>
    public static byte[] FirstPass(TableSource source, int file, SynthesizerOptions options, IList<string> hashes) =>
        StatisticsWire.Write(StreamedCopula.FirstPass(source, file, options, hashes));

    /// <summary>Client side: the shards' first passes merged, the plan made, and the part of it pass 2 needs as bytes.</summary>
    public static CopulaShards Plan(TableMetadata metadata, IReadOnlyList<byte[]> firstPasses, SynthesizerOptions options)
    {
        var first = StreamedCopula.NewFirstPass(metadata, options);
        foreach (var bytes in firstPasses) first.Merge(StatisticsWire.ReadFirstPass(bytes, metadata, options.FitSeed));
        var plan = StreamedCopula.Plan(first, options);
        return new CopulaShards(first, plan, StatisticsWire.WriteMomentsPlan(plan));
    }

    /// <summary>Shard side: pass 2 of a copula fit over file <paramref name="file"/>, given the plan's bytes.</summary>
    public static byte[] SecondPass(TableSource source, int file, byte[] plan) =>
        StatisticsWire.Write(StreamedCopula.SecondPass(source, file, StatisticsWire.ReadMomentsPlan(plan)));

    /// <summary>Client side: the model from the plan and the shards' second passes (in shard order).</summary>
    public static SynthesisModel Build(CopulaShards shards, IReadOnlyList<byte[]> secondPasses, SynthesizerOptions options, string synthesizer, IReadOnlyList<string> fileHashes)
    {
        var moments = shards.Plan.NewMoments();
        foreach (var bytes in secondPasses) moments.Merge(StatisticsWire.ReadMoments(bytes, shards.Plan));
        return StreamedCopula.Build(shards.Plan, shards.First, moments, options, synthesizer, fileHashes, correlated: synthesizer == GaussianCopulaSynthesizer.SynthesizerName);
    }

    /// <summary>Shard side: the seeded sample of at most <paramref name="rows"/> rows of file <paramref name="file"/>.</summary>
    public static byte[] Sample(TableSource source, int file, int rows, ulong seed)
    {
        var reservoir = new RowReservoir(rows, seed, source.Metadata);
        foreach (var batch in source.ReadFile(file)) reservoir.Add(batch.Table, batch.File, batch.FirstRow);
        return StatisticsWire.Write(reservoir);
    }

    /// <summary>Client side: the shards' samples merged, the same rows in the same order as <see cref="StreamedFit.Sample"/>.</summary>
    public static Table MergeSamples(TableMetadata metadata, IReadOnlyList<byte[]> samples, int rows, ulong seed)
    {
        var reservoir = new RowReservoir(rows, seed, metadata);
        foreach (var bytes in samples) reservoir.Merge(StatisticsWire.ReadReservoir(bytes, metadata, seed));
        if (reservoir.Count == 0) throw new DoppelException(ErrorKind.Data, "The data has no rows; a model needs at least one row.");
        return reservoir.ToTable();
    }
}

/// <summary>A sharded copula fit between its passes: the merged first pass, the plan, and the plan's bytes for the shards.</summary>
internal sealed record CopulaShards(FirstPassStatistics First, CopulaPlan Plan, byte[] MomentsPlan);
