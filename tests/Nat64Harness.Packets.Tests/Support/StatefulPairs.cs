using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Oracle;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// Correct stateful NAT64 (RFC 6146) pairs: the client's port 40100 / echo identifier 0x77 become pool4 port 61234 /
/// identifier 61500 on 100.64.5.130, inside pool4 100.64.5.128/26 ports 61001-65535 (Jool's default range).
/// </summary>
internal static class StatefulPairs
{
    public const string Pool4Cidr = "100.64.5.128/26";
    public const string PoolPorts = "61001-65535";
    public const ushort ClientPort = 40100;
    public const ushort PoolPort = 61234;
    public const ushort ServerPort = 7;
    public const ushort EchoId = 0x77;
    public const ushort PoolEchoId = 61500;

    /// <summary>"Stateful, pool4 100.64.5.128/26, ports 61001-65535, learn the mapping" — fresh, nothing learned.</summary>
    public static TranslationContext Learning() =>
        TranslationContext.Stateful(Nat64Prefix.WellKnown, IPNetwork.Parse(Pool4Cidr), PortRange.Parse(PoolPorts));

    /// <summary>The same translator judged against a known BIB (UDP, TCP and ICMP entries for the client).</summary>
    public static TranslationContext Static() => TranslationContext.Stateful(Nat64Prefix.WellKnown, JoolBibParser.Parse(BibText).ToMapping(IPNetwork.Parse(Pool4Cidr)));

    /// <summary>What Jool 4.x <c>bib display --numeric</c> prints for these flows (the three tables one after another).</summary>
    public const string BibText = """
        [Dynamic UDP] 100.64.5.130#61234 - 2001:db8:5::2#40100
        [Dynamic TCP] 100.64.5.130#61234 - 2001:db8:5::2#40100
        [Dynamic ICMP] 100.64.5.130#61500 - 2001:db8:5::2#119
        """;

    public static (TestPacket Before, TestPacket After) Udp6To4(ushort poolPort = PoolPort) => (
        new TestPacket { Source = Client6, Destination = Server6, Upper = new UdpSpec(ClientPort, ServerPort, Data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new UdpSpec(poolPort, ServerPort, Data) });

    public static (TestPacket Before, TestPacket After) Udp4To6(ushort clientPort = ClientPort) => (
        new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x5151, Upper = new UdpSpec(ServerPort, PoolPort, Data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new UdpSpec(ServerPort, clientPort, Data) });

    public static (TestPacket Before, TestPacket After) Tcp6To4(uint sequence, byte flags, byte[] data, ushort poolPort = PoolPort) => (
        new TestPacket { Source = Client6, Destination = Server6, Upper = new TcpSpec(ClientPort, 80, sequence, 0, flags, data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new TcpSpec(poolPort, 80, sequence, 0, flags, data) });

    public static (TestPacket Before, TestPacket After) Tcp4To6(uint sequence, byte flags, byte[] data, ushort clientPort = ClientPort) => (
        new TestPacket { Source = Server4, Destination = Pool4, DontFragment = true, Upper = new TcpSpec(80, PoolPort, sequence, 0, flags, data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new TcpSpec(80, clientPort, sequence, 0, flags, data) });

    public static (TestPacket Before, TestPacket After) Echo6To4(ushort poolId = PoolEchoId) => (
        new TestPacket { Source = Client6, Destination = Server6, Upper = IcmpSpec.Echo(128, EchoId, 1, Data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = IcmpSpec.Echo(8, poolId, 1, Data) });

    public static (TestPacket Before, TestPacket After) EchoReply4To6(ushort clientId = EchoId) => (
        new TestPacket { Source = Server4, Destination = Pool4, Upper = IcmpSpec.Echo(0, PoolEchoId, 1, Data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = IcmpSpec.Echo(129, clientId, 1, Data) });

    /// <summary>A v4 router's Time Exceeded about the translated UDP packet (pool4 port inside), back to the client (client port inside).</summary>
    public static (TestPacket Before, TestPacket After) TimeExceeded4To6(ushort innerClientPort = ClientPort)
    {
        var innerV4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 1, Upper = new UdpSpec(PoolPort, 33434, Data) }.Build();
        var innerV6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 1, Upper = new UdpSpec(innerClientPort, 33434, Data) }.Build();
        return (
            new TestPacket { Source = Router4, Destination = Pool4, Upper = new IcmpSpec(11, 0, 0, innerV4) },
            new TestPacket { Source = Router4As6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(3, 0, 0, innerV6) });
    }

    /// <summary>A v4 router's Time Exceeded about a translated echo request (ping traceroute): pool4 identifier inside, the client's after.</summary>
    public static (TestPacket Before, TestPacket After) TimeExceededEcho4To6(ushort innerClientId = EchoId)
    {
        var innerV4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 1, Upper = IcmpSpec.Echo(8, PoolEchoId, 3, Data) }.Build();
        var innerV6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 1, Upper = IcmpSpec.Echo(128, innerClientId, 3, Data) }.Build();
        return (
            new TestPacket { Source = Router4, Destination = Pool4, Upper = new IcmpSpec(11, 0, 0, innerV4) },
            new TestPacket { Source = Router4As6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(3, 0, 0, innerV6) });
    }

    /// <summary>
    /// The client's ICMPv6 port unreachable about the server's UDP packet, translated to the server: the outer IPv4
    /// source is the pool4 address of the embedded flow's BIB entry, the embedded destination its pool4 port.
    /// </summary>
    public static (TestPacket Before, TestPacket After) PortUnreachable6To4()
    {
        var innerV6 = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new UdpSpec(ServerPort, ClientPort, Data) }.Build();
        var innerV4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 63, Upper = new UdpSpec(ServerPort, PoolPort, Data) }.Build();
        return (
            new TestPacket { Source = Client6, Destination = Server6, Upper = new IcmpSpec(1, 4, 0, innerV6) },
            new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(3, 3, 0, innerV4) });
    }
}
