using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Microsoft.ML.Synthetic.Cli.Commands;

/// <summary>An Orleans client for <c>synthml cluster</c>, with the silos it started in this process (if any).</summary>
internal sealed class LocalOrleansCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos;
    private readonly IHost _client;

    private LocalOrleansCluster(List<IHost> silos, IHost client, string description)
    {
        _silos = silos;
        _client = client;
        Description = description;
    }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public string Description { get; }

    /// <summary>Starts <paramref name="siloCount"/> silos on free localhost ports (the first is the primary) and a client.</summary>
    public static async Task<LocalOrleansCluster> StartAsync(int siloCount, CancellationToken cancellation)
    {
        var silos = new List<IHost>();
        var gatewayPorts = new List<int>();
        IPEndPoint? primary = null;
        try
        {
            for (int i = 0; i < siloCount; i++)
            {
                int siloPort = FreePort(), gatewayPort = FreePort();
                primary ??= new IPEndPoint(IPAddress.Loopback, siloPort);
                var silo = new HostBuilder().UseOrleans(b => b.UseLocalhostClustering(siloPort, gatewayPort, primary).AddSyntheticGrains()).Build();
                await silo.StartAsync(cancellation).ConfigureAwait(false);
                silos.Add(silo);
                gatewayPorts.Add(gatewayPort);
            }

            var client = new HostBuilder().UseOrleansClient(c => c.UseLocalhostClustering([.. gatewayPorts])).Build();
            await client.StartAsync(cancellation).ConfigureAwait(false);
            return new LocalOrleansCluster(silos, client, $"{siloCount} local silos");
        }
        catch
        {
            foreach (var silo in silos)
            {
                await silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
                silo.Dispose();
            }

            throw;
        }
    }

    /// <summary>A client of a running cluster reached through its gateways.</summary>
    public static async Task<LocalOrleansCluster> ConnectAsync(IPEndPoint[] gateways, string clusterId, string serviceId, CancellationToken cancellation)
    {
        var client = new HostBuilder().UseOrleansClient(c => c
            .UseStaticClustering(gateways)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })).Build();
        await client.StartAsync(cancellation).ConfigureAwait(false);
        return new LocalOrleansCluster([], client, $"the cluster '{clusterId}' ({gateways.Length} gateways)");
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        foreach (var silo in _silos)
        {
            await silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
            silo.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
