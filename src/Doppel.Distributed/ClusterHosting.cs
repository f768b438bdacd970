using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Doppel.Distributed;

/// <summary>
/// Builds the processes of a Doppel cluster: silos that run shards (localhost membership for development, the first
/// silo being the primary) and the client that plans a sample and sends them shards through the silos' gateways.
/// </summary>
internal static class ClusterHosting
{
    /// <summary>The Orleans service id of every Doppel cluster.</summary>
    public const string ServiceId = "doppel";

    /// <summary>The default cluster id (several clusters on one machine need different ids and ports).</summary>
    public const string DefaultClusterId = "doppel";

    /// <summary>Registers what the silo needs to run shards: the model cache and the sampling threads per shard.</summary>
    public static ISiloBuilder AddDoppelShards(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.Services.AddSingleton(settings);
        silo.Services.AddSingleton<ModelCache>();
        silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = MaxMessageBytes);
        return silo;
    }

    /// <summary>A silo on 127.0.0.1 (development membership): <paramref name="primaryPort"/> is the silo port of the first silo (its own for the first).</summary>
    public static IHost Silo(int siloPort, int gatewayPort, int primaryPort, string clusterId, SiloSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Quiet(builder.Logging);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), ServiceId, clusterId)
            .AddDoppelShards(settings));
        return builder.Build();
    }

    /// <summary>A client of the cluster whose gateways are <paramref name="gateways"/>; shards may run for hours, so calls wait that long.</summary>
    public static IHost Client(IReadOnlyList<IPEndPoint> gateways, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Quiet(builder.Logging);
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. gateways])
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId))
            .Configure<ClientMessagingOptions>(o => (o.ResponseTimeout, o.MaxMessageBodySize) = (TimeSpan.FromHours(12), MaxMessageBytes)));
        return builder.Build();
    }

    /// <summary>The largest message: a fit shard's row sample (a million rows of a wide table) is far above Orleans' 100 MB default.</summary>
    public const int MaxMessageBytes = 1 << 30;

    /// <summary>Connects a client to the cluster at <paramref name="gateways"/>, runs <paramref name="run"/> with it, and disconnects.</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when no silo answers there.</exception>
    public static async Task<T> WithClient<T>(string gateways, string clusterId, Func<IClusterClient, Task<T>> run, CancellationToken cancel)
    {
        var endpoints = ParseGateways(gateways);
        using var host = Client(endpoints, clusterId);
        try { await host.StartAsync(cancel); }
        catch (Exception e) when (e is OrleansException or TimeoutException or SocketException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot connect to the cluster at {gateways}: {e.Message}. Is a silo running there (doppel cluster silo)?", e);
        }
        try
        {
            return await run(host.Services.GetRequiredService<IClusterClient>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Parses <c>HOST:PORT[,HOST:PORT...]</c> (gateway ports of silos) into endpoints.</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for a malformed entry or an unknown host.</exception>
    public static IReadOnlyList<IPEndPoint> ParseGateways(string text)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = entry.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(entry.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
                throw new DoppelException(ErrorKind.Usage, $"--cluster: '{entry}' is not HOST:PORT (a silo's gateway, e.g. 127.0.0.1:30000).");
            string host = entry[..colon];
            IPAddress? address;
            if (!IPAddress.TryParse(host, out address))
            {
                try { address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? Dns.GetHostAddresses(host).FirstOrDefault(); }
                catch (SocketException e) { throw new DoppelException(ErrorKind.Usage, $"--cluster: cannot resolve the host '{host}': {e.Message}", e); }
                if (address is null) throw new DoppelException(ErrorKind.Usage, $"--cluster: the host '{host}' has no address.");
            }
            endpoints.Add(new IPEndPoint(address, port));
        }
        if (endpoints.Count == 0) throw new DoppelException(ErrorKind.Usage, "--cluster needs at least one HOST:PORT (a silo's gateway).");
        return endpoints;
    }

    /// <summary>Warnings and errors only, on stderr: a silo's routine chatter is not the user's business.</summary>
    private static void Quiet(ILoggingBuilder logging) =>
        logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
