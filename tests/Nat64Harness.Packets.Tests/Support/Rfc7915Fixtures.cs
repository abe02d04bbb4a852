using Nat64Harness.Packets;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;
using Fixture = Nat64Harness.Packets.Tests.Support.FixtureGenerator.Fixture;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// Generated fixtures for SIIT with both addresses mapped, RFC 4884 multi-part errors, and the packets RFC 7915 says
/// to drop or answer instead of translating. Each is written field by field from the RFC, not by a translator.
/// </summary>
internal static class Rfc7915Fixtures
{
    private const string Siit40 = "2001:db8:100::/40";
    private const string HostA6 = "2001:db8:1c0:2:21::";   // 192.0.2.33 through the /40 (u-octet splits it 3 + 1)
    private const string HostB6 = "2001:db8:1c6:3364:2::"; // 198.51.100.2 through the /40

    public static IEnumerable<Fixture> All()
    {
        yield return SiitBothDirections();

        var (e6, e4) = ExtensionPairs.Error6To4();
        yield return new("icmp-extension-v6-to-v4", "RFC 4884 multi-part ICMPv6 Port Unreachable (length 16 = 128 bytes, extension with Interface Information) translated to ICMPv4 3/3 (length 32 = 128 bytes, extension copied); before.pcap is the IPv6 side.",
            [(0, e6)], [(1, e4)]);

        var (f4, f6) = ExtensionPairs.Error4To6();
        yield return new("icmp-extension-v4-to-v6", "RFC 4884 multi-part ICMPv4 Port Unreachable (length 32) translated to ICMPv6 1/4 (length 16, padding adjusted, extension copied); before.pcap is the IPv4 side.",
            [(0, f4)], [(1, f6)]);

        var routed = Udp4To6().Before with { Ipv4Options = [131, 7, 4, 100, 64, 5, 99, 0] };
        var sourceRouteFailed = new TestPacket { Source = Nat64Ipv4, Destination = Server4, Upper = new IcmpSpec(3, 5, 0, routed.Build()) };
        yield return new("source-route-answered", "An IPv4 packet with an unexpired Loose Source Route is not translated and answered with ICMPv4 3/5 (RFC 7915 §4.1); both are on the IPv4 side (before.pcap), after.pcap is empty.",
            [(0, routed), (1, sourceRouteFailed)], []);

        var segments = Udp6To4().Before with { RoutingSegmentsLeft = 1 };
        var parameterProblem = new TestPacket { Source = "64:ff9b::6440:503", Destination = Client6, Upper = new IcmpSpec(4, 0, 43, segments.Build()) };
        yield return new("routing-header-answered", "An IPv6 packet with a Routing header whose Segments Left is 1 is not translated and answered with ICMPv6 Parameter Problem 4/0 pointing at Segments Left (byte 43, RFC 7915 §5.1); before.pcap is the IPv6 side, after.pcap is empty.",
            [(0, segments), (1, parameterProblem)], []);

        var timestamp = new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(13, 0, 0x00420001, new byte[12]) };
        var (req6, req4) = Udp6To4();
        yield return new("icmp-timestamp-dropped", "An ICMPv4 Timestamp request is silently dropped (RFC 7915 §4.2: obsoleted in ICMPv6) beside a UDP request that is translated; before.pcap is the IPv6 side, after.pcap the IPv4 side.",
            [(0, req6)], [(1, req4), (5, timestamp)]);

        yield return Refragmented();

        yield return new("negative-source-route-not-answered", "NEGATIVE: the IPv4 packet with an unexpired source route is dropped without the ICMPv4 3/5 RFC 7915 §4.1 asks for; the pairer must report it not answered.",
            [(0, routed)], [], ExpectFail: true);

        var (te4, te6) = TimeExceeded4To6();
        var decremented = (IcmpSpec)te6.Upper;
        var inner = InnerSpecs.Describe(decremented.Body);
        yield return new("negative-inner-hop-limit-decremented", "NEGATIVE: the packet embedded in a translated Time Exceeded has its hop limit decremented; RFC 7915 §4.3 copies it, the oracle must fail on inner.ipv6.hop_limit.",
            [(0, te4)], [(1, te6 with { Upper = decremented with { Body = (inner with { HopLimit = (byte)(inner.HopLimit - 1) }).Build() } })], ExpectFail: true);

        yield return new("negative-extension-length-not-adjusted", "NEGATIVE: an RFC 4884 ICMPv6 error translated to ICMPv4 keeps the ICMPv6 length attribute (16) instead of 32 words; the oracle must fail on icmp.length.",
            [(0, e6)], [(1, ExtensionPairs.Error6To4(length4: 16).After)], ExpectFail: true);
    }

    private static Fixture Refragmented()
    {
        var payload = Enumerable.Range(0, 1392).Select(i => (byte)(i * 7)).ToArray();
        var udp6 = new TestPacket { Source = Server6, Destination = Client6, Upper = new UdpSpec(7, 40000, payload) }.UpperBytes();
        var ipv4 = new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x5151, Upper = new UdpSpec(7, 40000, payload) };
        var first = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x5151, 0, true), Upper = new RawSpec(IpProtocol.Udp, udp6[..1232]) };
        var second = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x5151, 154, false), Upper = new RawSpec(IpProtocol.Udp, udp6[1232..]) };
        return new("fragmented-by-translator-v4-to-v6",
            "A 1420-byte IPv4 UDP packet with DF=0 cut by the translator into two IPv6 fragments of at most 1280 bytes (RFC 7915 §4.1), identification 0x5151 copied; before.pcap is the IPv6 side.",
            [(1, first), (1.01, second)], [(0, ipv4)]);
    }

    private static Fixture SiitBothDirections()
    {
        var request6 = new TestPacket { Source = HostA6, Destination = HostB6, Upper = new UdpSpec(2000, 4000, Data) };
        var request4 = new TestPacket { Source = "192.0.2.33", Destination = "198.51.100.2", HopLimit = 63, Upper = new UdpSpec(2000, 4000, Data) };
        var reply4 = new TestPacket { Source = "198.51.100.2", Destination = "192.0.2.33", Upper = new UdpSpec(4000, 2000, Data) };
        var reply6 = new TestPacket { Source = HostB6, Destination = HostA6, HopLimit = 63, Upper = new UdpSpec(4000, 2000, Data) };
        return new("siit-40-both-directions",
            $"SIIT through {Siit40} (u-octet): both IPv6 addresses are prefix-mapped; a UDP request IPv6→IPv4 and its reply IPv4→IPv6, each original captured 0.1 ms before its translation; before.pcap is the IPv6 side.",
            [(0, request6), (1.1, reply6)], [(0.1, request4), (1, reply4)],
            Configure: s => s with { Prefix = Siit40, Mapping = [] });
    }
}
