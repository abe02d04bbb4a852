using System.Buffers.Binary;
using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// What a UDP datagram larger than some hop's MTU must meet, asserted rather than ignored. Either the path
/// carries it whole, or the tunnel's MTU is smaller and then: the probe fragments its request (IPv6 routers
/// never fragment, RFC 8200 §5); the larger reply meets the tunnel on the way back, the VPN server answers
/// Packet Too Big, the NAT64 translates it into ICMPv4 Fragmentation Needed with MTU − 20 (RFC 7915 §4.2),
/// and the echo server fragments its later replies: a datagram may be lost only with that evidence.
/// </summary>
public sealed record LargeDatagramOutcome(string Description, int? TunnelMtu)
{
    /// <summary>The path's MTU is at least the packet: every datagram crosses unfragmented and is echoed.</summary>
    public static LargeDatagramOutcome Whole { get; } = new("carried whole and echoed", null);

    /// <summary>A tunnel of MTU <paramref name="mtu"/> is on the path.</summary>
    public static LargeDatagramOutcome ThroughSmallerTunnel(int mtu) =>
        new($"fragmented by the probe to MTU {mtu}; replies after Packet Too Big → Fragmentation Needed", mtu);

    /// <summary>
    /// Through a tunnel whose declared MTU is <paramref name="mtu"/>: whole when the scenario's packets fit
    /// (<see cref="PacketSize"/>), else fragmented with Packet Too Big carrying that MTU.
    /// </summary>
    public static LargeDatagramOutcome ThroughTunnel(int mtu) => mtu >= PacketSize ? Whole : ThroughSmallerTunnel(mtu);

    /// <summary>The scenario's IPv6 packet: 1400 bytes of UDP payload, 8 of UDP header, 40 of IPv6 header.</summary>
    public const int PacketSize = 1448;

    /// <summary>Asserts the outcome on the probe's result and the captures of both sides.</summary>
    public void Assert(ExchangeRun run)
    {
        var datagrams = run.Result.Datagrams;
        // The probe's datagrams toward the echo server; not the ICMPv6 errors a hop sends toward the same address about
        // the replies (a VPN server's Packet Too Big, which the v6 capture takes too: the router translates it).
        var requests = Packets(run.V6Pcap!).Where(ip => ip[0] >> 4 == 6 && ip[6] != 58 && Address(ip, 24, 16).Equals(run.Exchange.Target)).ToList();
        requests.Should().NotBeEmpty("the datagrams must reach the IPv6 side of the router");
        if (TunnelMtu is not { } mtu)
        {
            run.Result.Ok.Should().BeTrue($"{Description}: {run.Result.Error}");
            requests.Should().OnlyContain(ip => ip[6] == 17, "each datagram crosses as one unfragmented UDP packet");
            return;
        }

        requests.Should().OnlyContain(ip => ip[6] == 44, "every piece of a request carries an IPv6 Fragment header (next header 44)");
        requests.Should().OnlyContain(ip => ip.Length <= mtu, $"no piece exceeds the tunnel MTU {mtu}");
        datagrams.Should().NotBeEmpty($"the probe reports each datagram it sent: {run.Result.Error}");
        datagrams[^1].Ok.Should().BeTrue($"after the first Packet Too Big, replies must arrive: {run.Result.Error}");
        if (datagrams.Any(d => !d.Ok))
        {
            var fragNeeded = Packets(run.V4Pcap!).Where(ip => ip[0] >> 4 == 4 && ip[9] == 1 && ip.Length >= 28 && ip[20] == 3 && ip[21] == 4).ToList();
            fragNeeded.Should().NotBeEmpty("a lost reply must have caused ICMPv4 Fragmentation Needed toward the echo server");
            fragNeeded.Select(ip => (int)BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(26, 2))).Should().OnlyContain(m => m == mtu - 20,
                $"RFC 7915 §5.2: the Packet Too Big MTU {mtu} becomes {mtu - 20} in IPv4");
        }
    }

    private static List<byte[]> Packets(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        return reader.ReadPackets().Select(p => p.Ip.ToArray()).ToList();
    }

    private static IPAddress Address(byte[] ip, int offset, int length) => new(ip.AsSpan(offset, length));
}
