using Doppel.Data;
using Doppel.Metadata;
using Doppel.Streaming;
using Doppel.Synthesizers;

namespace Doppel.Distributed;

/// <summary>
/// An out-of-core fit on a running cluster, a shard per file (issue #13): the silos read the files, the client merges
/// their statistics in file order and builds the model, so it is byte for byte the model of the same fit run in one
/// process (<see cref="StreamedFit"/>), whatever the number of silos, their speed or their failures. The copula and
/// the independent baseline fit from two passes of statistics; the other synthesizers on the merged seeded sample.
/// Every silo must read the files at the same (absolute) paths.
/// </summary>
internal sealed class DistributedFit(IClusterClient client, TableSource source, ParseOptions parse)
{
    /// <summary>How long to wait for a silo when none is active before giving up.</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the silos warned about (distinct), after a run.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The copula (or the independent baseline) fitted from the shards' statistics.</summary>
    /// <exception cref="DoppelException">A shard that failed <see cref="ClusterRunner.MaxAttempts"/> times (naming its file and its last error), no silo, or data a model may not be made of.</exception>
    public async Task<SynthesisModel> FitFromStatisticsAsync(string synthesizer, SynthesizerOptions options, CancellationToken cancel = default)
    {
        if (!StreamedFit.FitsFromStatistics(synthesizer))
            throw new DoppelException(ErrorKind.Usage, $"Synthesizer '{synthesizer}' fits on a row sample, not from statistics: use SampleAsync.");
        var firsts = await Pass("pass 1", (grain, call) => grain.FirstPass(call), options.FitSeed, cancel);
        var shards = ShardedFit.Plan(source.Metadata, [.. firsts.Select(o => o.Statistics!)], options);
        var seconds = await Pass("pass 2", (grain, call) => grain.SecondPass(call, shards.MomentsPlan), options.FitSeed, cancel);
        return ShardedFit.Build(shards, [.. seconds.Select(o => o.Statistics!)], options, synthesizer, [.. firsts.Select(o => o.Sha256!)]);
    }

    /// <summary>The seeded uniform sample of at most <paramref name="rows"/> rows of all files: the rows <see cref="StreamedFit.Sample"/> gives, in its order.</summary>
    public async Task<Table> SampleAsync(int rows, ulong seed, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var samples = await Pass("sampling", (grain, call) => grain.Sample(call, rows), seed, cancel);
        return ShardedFit.MergeSamples(source.Metadata, [.. samples.Select(o => o.Statistics!)], rows, seed);
    }

    private async Task<IReadOnlyList<FitOutcome>> Pass(string pass, Func<IFitGrain, FitCall, Task<FitOutcome>> call, ulong seed, CancellationToken cancel)
    {
        var calls = Enumerable.Range(0, source.Files.Count).Select(f => FitCall.Of(source, f, parse, seed)).ToArray();
        var outcomes = await new ClusterRunner(client) { NoSiloTimeout = NoSiloTimeout }.RunAsync(calls.Length,
            async (cluster, shard, gone) =>
            {
                var outcome = await call(cluster.GetGrain<IFitGrain>(Guid.NewGuid()), calls[shard]).WaitAsync(gone);
                return new ShardAttempt<FitOutcome>(outcome.Error is null ? outcome : null, outcome.Error, outcome.Silo);
            },
            shard => $"The fit's {pass} over {calls[shard].Describe()}",
            "No model was written.", cancel: cancel);
        foreach (var warning in outcomes.SelectMany(o => o.Warnings))
            if (!Warnings.Contains(warning)) Warnings.Add(warning);
        return outcomes;
    }
}
