using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Capture;
using Nat64Harness.Docker;
using Nat64Harness.Model;
using Nat64Harness.Packets;
using Nat64Harness.Topology;
using Nat64Harness.Verification;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>What the DNS tests share: the DNS verdict of a run, a silent container, and what a pcap holds.</summary>
public static class DnsSupport
{
    /// <summary>The DNS checks of <paramref name="run"/> against the topology's plan (unbound's profile unless given).</summary>
    public static DnsVerdict Judge(Nat64Topology topology, ExchangeRun run, ResolverProfile? profile = null) =>
        DnsVerifier.Verify(run, topology.Plan, profile ?? ResolverProfile.Unbound);

    /// <summary>Pauses <paramref name="container"/> (its processes frozen: it answers nothing, not even with an error) until the result is disposed.</summary>
    public static async Task<IAsyncDisposable> PauseAsync(IContainer container)
    {
        using (var client = DockerEngine.CreateClient())
        {
            await client.Containers.PauseContainerAsync(container.Id);
        }

        return new Unpause(container.Id);
    }

    /// <summary>How many IP packets <paramref name="pcap"/> holds (0 when there is no pcap).</summary>
    public static int Packets(string? pcap)
    {
        if (pcap is null)
        {
            return 0;
        }

        using var reader = PcapReader.Open(pcap);
        return reader.ReadPackets().Count();
    }

    /// <summary>The sources of UDP and TCP packets to port 53 of <paramref name="server"/> in <paramref name="pcap"/>: who asked the resolver.</summary>
    public static IReadOnlySet<IPAddress> QuerySources(string? pcap, IPAddress server)
    {
        var sources = new HashSet<IPAddress>();
        if (pcap is null)
        {
            return sources;
        }

        using var reader = PcapReader.Open(pcap);
        foreach (var packet in reader.ReadPackets())
        {
            if (IpPacket.TryParse(packet.Ip, embedded: false, out var ip, out _) && ip.Destination.Equals(server) && ip.DestinationPort == 53)
            {
                sources.Add(ip.Source);
            }
        }

        return sources;
    }

    private sealed class Unpause(string id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var client = DockerEngine.CreateClient();
            await client.Containers.UnpauseContainerAsync(id);
        }
    }
}
