using System.Net;
using System.Text;
using Nat64Harness.Addressing;
using Nat64Harness.Oracle;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// Correct before/after pairs, written out field by field from RFC 7915 (not produced by a translator),
/// using the harness address plan for block 5.
/// </summary>
internal static class TranslationPairs
{
    public const string Client6 = "2001:db8:5::2";
    public const string Pool4 = "100.64.5.130";
    public const string Server4 = "100.64.5.10";
    public const string Server6 = "64:ff9b::6440:50a";
    public const string Router4 = "100.64.5.1";
    public const string Router4As6 = "64:ff9b::6440:501";
    public const string Router6 = "2001:db8:5::1";
    public const string Nat64Ipv4 = "100.64.5.3";

    public static readonly byte[] Data = Encoding.ASCII.GetBytes("nat64 harness payload 0123456789");

    public static TranslationContext Context() => new(
        Nat64Prefix.WellKnown,
        new StaticAddressMapping([(IPAddress.Parse(Client6), IPAddress.Parse(Pool4)), (IPAddress.Parse(Router6), IPAddress.Parse(Nat64Ipv4))]));

    public static (TestPacket Before, TestPacket After) Udp6To4() => (
        new TestPacket { Source = Client6, Destination = Server6, HopLimit = 64, TrafficClass = 0x28, Upper = new UdpSpec(40000, 7, Data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, TrafficClass = 0x28, Identification = 0, Upper = new UdpSpec(40000, 7, Data) });

    public static (TestPacket Before, TestPacket After) Udp4To6() => (
        new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 64, TrafficClass = 0x28, Identification = 0x5151, DontFragment = true, Upper = new UdpSpec(7, 40000, Data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, TrafficClass = 0x28, Upper = new UdpSpec(7, 40000, Data) });

    public static (TestPacket Before, TestPacket After) Tcp6To4() => (
        new TestPacket { Source = Client6, Destination = Server6, Upper = new TcpSpec(40001, 80, 1000, 2000, 0x18, Data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new TcpSpec(40001, 80, 1000, 2000, 0x18, Data) });

    public static (TestPacket Before, TestPacket After) Tcp4To6() => (
        new TestPacket { Source = Server4, Destination = Pool4, DontFragment = true, Upper = new TcpSpec(80, 40001, 2000, 1032, 0x18, Data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new TcpSpec(80, 40001, 2000, 1032, 0x18, Data) });

    public static (TestPacket Before, TestPacket After) Echo6To4() => (
        new TestPacket { Source = Client6, Destination = Server6, Upper = IcmpSpec.Echo(128, 0x77, 1, Data) },
        new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = IcmpSpec.Echo(8, 0x77, 1, Data) });

    public static (TestPacket Before, TestPacket After) EchoReply4To6() => (
        new TestPacket { Source = Server4, Destination = Pool4, Upper = IcmpSpec.Echo(0, 0x77, 1, Data) },
        new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = IcmpSpec.Echo(129, 0x77, 1, Data) });

    /// <summary>A v4 router's Time Exceeded about the translated UDP packet, translated back to the v6 client.</summary>
    public static (TestPacket Before, TestPacket After) TimeExceeded4To6()
    {
        var innerV4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 1, Upper = new UdpSpec(40000, 33434, Data) }.Build();
        var innerV6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 1, Upper = new UdpSpec(40000, 33434, Data) }.Build();
        return (
            new TestPacket { Source = Router4, Destination = Pool4, Upper = new IcmpSpec(11, 0, 0, innerV4) },
            new TestPacket { Source = Router4As6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(3, 0, 0, innerV6) });
    }

    /// <summary>A v4 router's Time Exceeded about a translated echo request (ping-based traceroute): the embedded ICMP is translated too.</summary>
    public static (TestPacket Before, TestPacket After) TimeExceededEcho4To6()
    {
        var innerV4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 1, Upper = IcmpSpec.Echo(8, 0x77, 3, Data) }.Build();
        var innerV6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 1, Upper = IcmpSpec.Echo(128, 0x77, 3, Data) }.Build();
        return (
            new TestPacket { Source = Router4, Destination = Pool4, Upper = new IcmpSpec(11, 0, 0, innerV4) },
            new TestPacket { Source = Router4As6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(3, 0, 0, innerV6) });
    }

    /// <summary>A v6 router's Time Exceeded about a packet from the v4 server, translated to the server.</summary>
    public static (TestPacket Before, TestPacket After) TimeExceeded6To4()
    {
        var innerV6 = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 1, Upper = new UdpSpec(7, 40000, Data) }.Build();
        var innerV4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 1, Upper = new UdpSpec(7, 40000, Data) }.Build();
        return (
            new TestPacket { Source = Router6, Destination = Server6, Upper = new IcmpSpec(3, 0, 0, innerV6) },
            new TestPacket { Source = Nat64Ipv4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(11, 0, 0, innerV4) });
    }

    /// <summary>ICMPv4 Destination Unreachable (code <paramref name="code4"/>) from the server about the client's UDP packet.</summary>
    public static (TestPacket Before, TestPacket After) Unreachable4To6(byte code4, byte type6, byte code6, uint rest6 = 0, uint rest4 = 0)
    {
        var innerV4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new UdpSpec(40000, 9, Data) }.Build();
        var innerV6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 63, Upper = new UdpSpec(40000, 9, Data) }.Build();
        return (
            new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(3, code4, rest4, innerV4) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(type6, code6, rest6, innerV6) });
    }

    /// <summary>ICMPv6 error (type/code) from the v6 router about a packet from the server, and its ICMPv4 translation.</summary>
    public static (TestPacket Before, TestPacket After) Error6To4(byte type6, byte code6, uint rest6, byte type4, byte code4, uint rest4)
    {
        var innerV6 = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 60, Upper = new UdpSpec(7, 40000, Data) }.Build();
        var innerV4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 60, Upper = new UdpSpec(7, 40000, Data) }.Build();
        return (
            new TestPacket { Source = Router6, Destination = Server6, Upper = new IcmpSpec(type6, code6, rest6, innerV6) },
            new TestPacket { Source = Nat64Ipv4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(type4, code4, rest4, innerV4) });
    }

    /// <summary>First (<paramref name="first"/>) or second fragment of a UDP datagram, IPv6 Fragment header → IPv4 MF/offset/ID.</summary>
    public static (TestPacket Before, TestPacket After) Fragment6To4(bool first)
    {
        var data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var whole6 = new TestPacket { Source = Client6, Destination = Server6, Upper = new UdpSpec(40000, 7, data) }.UpperBytes();
        var whole4 = new TestPacket { Source = Pool4, Destination = Server4, Upper = new UdpSpec(40000, 7, data) }.UpperBytes();
        var (from, to) = first ? (0, 32) : (32, whole6.Length);
        return (
            new TestPacket { Source = Client6, Destination = Server6, Ipv6Fragment = (0xABCD1234, from / 8, first), Upper = new RawSpec(17, whole6[from..to]) },
            new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Identification = 0x1234, MoreFragments = first, FragmentOffset = from / 8, Upper = new RawSpec(17, whole4[from..to]) });
    }

    /// <summary>
    /// Packet Too Big (MTU 1400) about a server packet that carried a Fragment header: its IPv4 form is 28 bytes
    /// shorter, so Fragmentation Needed says 1372 (RFC 7915 §5.2).
    /// </summary>
    public static (TestPacket Before, TestPacket After) PacketTooBigAboutFragment6To4()
    {
        var data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var whole6 = new TestPacket { Source = Server6, Destination = Client6, Upper = new UdpSpec(7, 40000, data) }.UpperBytes();
        var whole4 = new TestPacket { Source = Server4, Destination = Pool4, Upper = new UdpSpec(7, 40000, data) }.UpperBytes();
        var inner6 = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 60, Ipv6Fragment = (0x00005678, 0, true), Upper = new RawSpec(17, whole6[..32]) }.Build();
        var inner4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 60, Identification = 0x5678, MoreFragments = true, Upper = new RawSpec(17, whole4[..32]) }.Build();
        return (
            new TestPacket { Source = Router6, Destination = Server6, Upper = new IcmpSpec(2, 0, 1400, inner6) },
            new TestPacket { Source = Nat64Ipv4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(3, 4, 1372, inner4) });
    }

    /// <summary>First or second fragment of a UDP datagram, IPv4 MF/offset/ID → IPv6 Fragment header.</summary>
    public static (TestPacket Before, TestPacket After) Fragment4To6(bool first)
    {
        var data = Enumerable.Range(0, 64).Select(i => (byte)(255 - i)).ToArray();
        var whole4 = new TestPacket { Source = Server4, Destination = Pool4, Upper = new UdpSpec(7, 40000, data) }.UpperBytes();
        var whole6 = new TestPacket { Source = Server6, Destination = Client6, Upper = new UdpSpec(7, 40000, data) }.UpperBytes();
        var (from, to) = first ? (0, 40) : (40, whole4.Length);
        return (
            new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x4242, MoreFragments = first, FragmentOffset = from / 8, Upper = new RawSpec(17, whole4[from..to]) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x4242, from / 8, first), Upper = new RawSpec(17, whole6[from..to]) });
    }
}
