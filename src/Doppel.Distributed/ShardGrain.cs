using Doppel.Sharding;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace Doppel.Distributed;

/// <summary>
/// Writes one shard on the silo it is placed on (the client names the silo with a placement hint; a fresh grain per
/// call). Sampling runs on the thread pool, off the grain scheduler; the grain deactivates when done.
/// </summary>
[RandomPlacement]
internal sealed class ShardGrain(ModelCache models, IServiceProvider services) : Grain, IShardGrain
{
    public async Task<ShardOutcome> Sample(ShardCall call)
    {
        var settings = services.GetService<SiloSettings>() ?? new SiloSettings();
        string silo = RuntimeIdentity;
        DeactivateOnIdle();
        try
        {
            if (settings.BeforeShard is { } before) await before(call, silo, CancellationToken.None);
            var digest = await Task.Run(() =>
            {
                var model = models.Get(call.ModelPath, call.ModelSha256);
                Func<Stream, Stream>? wrap = settings.WrapPart is { } w ? stream => w(call, stream) : null;
                return ShardSampler.Sample(model, call.Job, settings.Threads, wrap, CancellationToken.None);
            });
            return new ShardOutcome { Bytes = digest.Bytes, Sha256 = digest.Sha256, Silo = silo };
        }
        catch (DoppelException e)
        {
            return new ShardOutcome { Error = e.Message, Silo = silo };
        }
    }
}
