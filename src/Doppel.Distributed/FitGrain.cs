using Doppel.Streaming;
using Doppel.Synthesizers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace Doppel.Distributed;

/// <summary>
/// Reads one file of a fit on the silo it is placed on (a fresh grain per call) and answers its statistics. The
/// read runs on the thread pool, off the grain scheduler; a Doppel error (a malformed cell, an unreadable file) is
/// the answer, not a crash.
/// </summary>
[RandomPlacement]
internal sealed class FitGrain(IServiceProvider services) : Grain, IFitGrain
{
    public Task<FitOutcome> FirstPass(FitCall call) => Run(call, source =>
    {
        var hashes = new List<string>();
        var bytes = ShardedFit.FirstPass(source, call.File, new SynthesizerOptions { FitSeed = call.Seed }, hashes);
        return (bytes, hashes[0]);
    });

    public Task<FitOutcome> SecondPass(FitCall call, byte[] plan) => Run(call, source => (ShardedFit.SecondPass(source, call.File, plan), null));

    public Task<FitOutcome> Sample(FitCall call, int rows) => Run(call, source => (ShardedFit.Sample(source, call.File, rows, call.Seed), null));

    private async Task<FitOutcome> Run(FitCall call, Func<TableSource, (byte[] Bytes, string? Sha256)> pass)
    {
        var settings = services.GetService<SiloSettings>() ?? new SiloSettings();
        string silo = RuntimeIdentity;
        DeactivateOnIdle();
        var warnings = new List<string>();
        try
        {
            if (settings.BeforeFitShard is { } before) await before(call, silo, CancellationToken.None);
            var (bytes, sha256) = await Task.Run(() => pass(call.Source(warnings)));
            return new FitOutcome { Statistics = bytes, Sha256 = sha256, Warnings = [.. warnings.Distinct(StringComparer.Ordinal)], Silo = silo };
        }
        catch (DoppelException e)
        {
            return new FitOutcome { Error = e.Message, Silo = silo };
        }
    }
}
