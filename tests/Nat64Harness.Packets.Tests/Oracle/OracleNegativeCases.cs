using Nat64Harness.Packets;
using Nat64Harness.Packets.Tests.Support;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// One broken field per case: a correct pair from <see cref="OraclePositiveTests.Scenario"/>, one field of the
/// after (or before) packet changed, checksums recomputed unless the checksum is the point.
/// </summary>
internal static class OracleNegativeCases
{
    public sealed record Case(string Scenario, string Field, Func<TestPacket, TestPacket>? After = null, Func<TestPacket, TestPacket>? Before = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // RFC 7915 §5.1, IPv6 → IPv4 header
        ["ttl not decremented"] = new("udp-6to4", "ipv4.ttl", After: p => p with { HopLimit = 64 }),
        ["ttl decremented twice"] = new("udp-6to4", "ipv4.ttl", After: p => p with { HopLimit = 62 }),
        ["tos not copied"] = new("udp-6to4", "ipv4.tos", After: p => p with { TrafficClass = 0 }),
        ["total length short"] = new("udp-6to4", "ipv4.total_length", After: p => p with { LengthOverride = 20 + 8 + 30 }),
        ["df set on small packet"] = new("udp-6to4", "ipv4.df", After: p => p with { DontFragment = true }),
        ["mf set on whole packet"] = new("udp-6to4", "ipv4.mf", After: p => p with { MoreFragments = true }),
        ["offset set on whole packet"] = new("udp-6to4", "ipv4.fragment_offset", After: p => p with { FragmentOffset = 3 }),
        ["protocol wrong"] = new("udp-6to4", "ipv4.protocol", After: p => p with { ProtocolOverride = 6 }),
        ["icmp protocol not mapped"] = new("echo-6to4", "ipv4.protocol", After: p => p with { ProtocolOverride = 58 }),
        ["v4 source not the pool address"] = new("udp-6to4", "ipv4.source", After: p => p with { Source = "100.64.5.131" }),
        ["v4 destination not extracted"] = new("udp-6to4", "ipv4.destination", After: p => p with { Destination = "100.64.5.11" }),
        ["header checksum wrong"] = new("udp-6to4", "ipv4.header_checksum", After: p => p with { HeaderChecksumOverride = 0x1234 }),
        ["ipv4 options added"] = new("udp-6to4", "ipv4.ihl", After: p => p with { Ipv4Options = [1, 1, 1, 0] }),
        ["routing header with segments left translated"] = new("udp-6to4", "ipv6.routing_header", Before: p => p with { RoutingSegmentsLeft = 1 }),
        ["unexpired source route translated"] = new("udp-4to6", "ipv4.source_route", Before: p => p with { Ipv4Options = [131, 7, 4, 100, 64, 5, 99, 0] }),
        ["hop limit 1 forwarded"] = new("udp-6to4", "ipv4.ttl", Before: p => p with { HopLimit = 1 }, After: p => p with { HopLimit = 0 }),

        // RFC 7915 §4.1, IPv4 → IPv6 header
        ["hop limit not decremented"] = new("udp-4to6", "ipv6.hop_limit", After: p => p with { HopLimit = 64 }),
        ["traffic class not copied"] = new("udp-4to6", "ipv6.traffic_class", After: p => p with { TrafficClass = 0x2c }),
        ["flow label set"] = new("udp-4to6", "ipv6.flow_label", After: p => p with { FlowLabel = 0x12345 }),
        ["payload length short"] = new("udp-4to6", "ipv6.payload_length", After: p => p with { LengthOverride = 8 + 30 }),
        ["next header wrong"] = new("udp-4to6", "ipv6.next_header", After: p => p with { ProtocolOverride = 6 }),
        ["v6 source not synthesized"] = new("udp-4to6", "ipv6.source", After: p => p with { Source = "64:ff9b::6440:50b" }),
        ["v6 destination not the client"] = new("udp-4to6", "ipv6.destination", After: p => p with { Destination = "2001:db8:5::3" }),
        ["atomic fragment added"] = new("udp-4to6", "ipv6.fragment_header", After: p => p with { Ipv6Fragment = (0x5151, 0, false) }),
        ["before header checksum corrupt but forwarded"] = new("udp-4to6", "before.ipv4.header_checksum", Before: p => p with { HeaderChecksumOverride = 0x0bad }),
        ["extension header added"] = new("udp-4to6", "ipv6.extension_headers", After: p => p with { HopByHopOptions = [1, 4, 0, 0, 0, 0] }),

        // RFC 7915 §4.5 / §5.5, transport
        ["udp source port changed"] = new("udp-6to4", "udp.source_port", After: p => p with { Upper = new UdpSpec(40001, 7, TranslationPairs.Data) }),
        ["udp destination port changed"] = new("udp-4to6", "udp.destination_port", After: p => p with { Upper = new UdpSpec(7, 40002, TranslationPairs.Data) }),
        ["udp payload changed"] = new("udp-6to4", "udp.length_and_payload", After: p => p with { Upper = new UdpSpec(40000, 7, [.. TranslationPairs.Data[..^1], 0]) }),
        ["udp checksum not updated"] = new("udp-6to4", "udp.checksum", After: p => p with { Upper = ((UdpSpec)p.Upper) with { ChecksumOverride = 0xBEEF } }),
        ["udp checksum zero on v4"] = new("udp-6to4", "udp.checksum", After: p => p with { Upper = ((UdpSpec)p.Upper) with { ZeroChecksum = true } }),
        ["udp checksum zero on v6"] = new("udp-4to6", "udp.checksum", After: p => p with { Upper = ((UdpSpec)p.Upper) with { ZeroChecksum = true } }),
        ["corrupt input checksum repaired"] = new("udp-6to4", "udp.checksum", Before: p => p with { Upper = ((UdpSpec)p.Upper) with { ChecksumOverride = 0xBEEF } }),
        ["tcp sequence changed"] = new("tcp-6to4", "tcp.segment", After: p => p with { Upper = ((TcpSpec)p.Upper) with { Sequence = 1001 } }),
        ["tcp flags changed"] = new("tcp-4to6", "tcp.segment", After: p => p with { Upper = ((TcpSpec)p.Upper) with { Flags = 0x10 } }),
        ["tcp checksum not updated"] = new("tcp-4to6", "tcp.checksum", After: p => p with { Upper = ((TcpSpec)p.Upper) with { ChecksumOverride = 0x0101 } }),
        ["tcp source port changed"] = new("tcp-6to4", "tcp.source_port", After: p => p with { Upper = ((TcpSpec)p.Upper) with { SourcePort = 1 } }),

        // RFC 7915 §4.2 / §5.2, ICMP echo
        ["echo request mapped to reply"] = new("echo-6to4", "icmp.type", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 0 } }),
        ["echo code not zero"] = new("echo-6to4", "icmp.code", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Code = 1 } }),
        ["echo identifier changed"] = new("echo-6to4", "icmp.identifier", After: p => p with { Upper = IcmpSpec.Echo(8, 0x78, 1, TranslationPairs.Data) }),
        ["echo sequence changed"] = new("echo-reply-4to6", "icmpv6.sequence", After: p => p with { Upper = IcmpSpec.Echo(129, 0x77, 2, TranslationPairs.Data) }),
        ["echo data changed"] = new("echo-reply-4to6", "icmpv6.data", After: p => p with { Upper = IcmpSpec.Echo(129, 0x77, 1, [.. TranslationPairs.Data, 1]) }),
        ["icmpv4 checksum wrong"] = new("echo-6to4", "icmp.checksum", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { ChecksumOverride = 0x4242 } }),
        ["icmpv6 checksum without pseudo-header"] = new("echo-reply-4to6", "icmpv6.checksum", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { ChecksumOverride = ChecksumWithoutPseudoHeader(p) } }),
        ["echo reply mapped to request"] = new("echo-reply-4to6", "icmpv6.type", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 128 } }),

        // RFC 7915 §4.2 / §4.3 / §5.2 / §5.3, ICMP errors and embedded packets
        ["time exceeded type not mapped"] = new("time-exceeded-4to6", "icmpv6.type", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 1 } }),
        ["time exceeded code changed"] = new("time-exceeded-4to6", "icmpv6.code", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Code = 1 } }),
        ["inner source not translated"] = new("time-exceeded-4to6", "inner.ipv6.source", After: p => WithInner(p, i => i with { Source = "2001:db8:5::99" })),
        ["inner destination not translated"] = new("time-exceeded-6to4", "inner.ipv4.destination", After: p => WithInner(p, i => i with { Destination = "100.64.5.99" })),
        ["inner hop limit changed"] = new("time-exceeded-4to6", "inner.ipv6.hop_limit", After: p => WithInner(p, i => i with { HopLimit = 9 })),
        ["inner hop limit decremented"] = new("time-exceeded-4to6", "inner.ipv6.hop_limit", After: p => WithInner(p, i => i with { HopLimit = (byte)(i.HopLimit - 1) })),
        ["inner ttl decremented"] = new("time-exceeded-6to4", "inner.ipv4.ttl", After: p => WithInner(p, i => i with { HopLimit = (byte)(i.HopLimit - 1) })),
        ["inner payload length wrong"] = new("time-exceeded-4to6", "inner.ipv6.payload_length", After: p => WithInner(p, i => i with { LengthOverride = 20 })),
        ["inner header checksum wrong"] = new("time-exceeded-6to4", "inner.ipv4.header_checksum", After: p => WithInner(p, i => i with { HeaderChecksumOverride = 1 })),
        ["inner port changed"] = new("time-exceeded-4to6", "inner.udp.destination_port", After: p => WithInner(p, i => i with { Upper = new UdpSpec(40000, 33435, TranslationPairs.Data) })),
        ["inner data changed"] = new("time-exceeded-6to4", "inner.data", After: p => WithInner(p, i => i with { Upper = new UdpSpec(7, 40000, [.. TranslationPairs.Data[..^1], 0]) })),
        ["inner echo type not mapped"] = new("time-exceeded-echo-4to6", "inner.icmpv6.type", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Body = InnerEcho(8, 0x77, 3) } }),
        ["inner echo sequence changed"] = new("time-exceeded-echo-4to6", "inner.icmpv6.sequence", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Body = InnerEcho(128, 0x77, 4) } }),
        ["error payload truncated"] = new("time-exceeded-4to6", "ipv6.payload_length", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Body = ((IcmpSpec)p.Upper).Body[..60] } }),
        ["port unreachable code wrong"] = new("time-exceeded-4to6", "icmpv6.code", Before: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 3, Code = 3 } }, After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 1, Code = 0 } }),
        ["host precedence violation translated"] = new("time-exceeded-4to6", "icmpv6.type", Before: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 3, Code = 14 } }, After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 1, Code = 0 } }),
        ["protocol unreachable pointer wrong"] = new("time-exceeded-4to6", "icmpv6.pointer", Before: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 3, Code = 2 } }, After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 4, Code = 1, RestOfHeader = 9 } }),
        ["ptb mtu not reduced by 20"] = new("ptb-6to4", "icmp.mtu", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { RestOfHeader = 1400 } }),
        ["frag needed mtu not raised by 20"] = new("frag-needed-4to6", "icmpv6.mtu", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { RestOfHeader = 1400 } }),
        ["frag needed mtu below 1280"] = new("frag-needed-4to6", "icmpv6.mtu", Before: p => p with { Upper = ((IcmpSpec)p.Upper) with { RestOfHeader = 576 } }, After: p => p with { Upper = ((IcmpSpec)p.Upper) with { RestOfHeader = 596 } }),
        ["ptb mtu ignores the fragment header"] = new("ptb-fragment-6to4", "icmp.mtu", After: p => p with { Upper = ((IcmpSpec)p.Upper) with { RestOfHeader = 1380 } }),
        ["parameter problem pointer wrong"] = new("time-exceeded-6to4", "icmp.pointer", Before: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 4, Code = 0, RestOfHeader = 7 } }, After: p => p with { Upper = ((IcmpSpec)p.Upper) with { Type = 12, Code = 0, RestOfHeader = 9u << 24 } }),

        // RFC 7915 §4.2 / §5.2 "ICMP Error Payload" with RFC 4884 §4 multi-part messages
        ["extension length attribute not adjusted"] = new("icmp-extension-6to4", "icmp.length", After: _ => ExtensionPairs.Error6To4(length4: 16).After),
        ["extension padding not zero"] = new("icmp-extension-6to4", "icmp.padding", After: _ => ExtensionPairs.Error6To4(padding4: 0xEE).After),
        ["extension altered"] = new("icmp-extension-4to6", "icmpv6.extension", After: _ => ExtensionPairs.Error4To6(extension6: Flip(ExtensionPairs.Extension, 9)).After),
        ["extension removed though it fits"] = new("icmp-extension-4to6", "icmpv6.length", After: _ => ExtensionPairs.Error4To6(extension6: []).After),

        // RFC 7915 §5.1.1 / §4.1, fragments
        ["fragment id not copied"] = new("fragment-first-6to4", "ipv4.identification", After: p => p with { Identification = 0xABCD }),
        ["fragment offset wrong"] = new("fragment-last-6to4", "ipv4.fragment_offset", After: p => p with { FragmentOffset = 5 }),
        ["fragment mf lost"] = new("fragment-first-6to4", "ipv4.mf", After: p => p with { MoreFragments = false }),
        ["fragment df set"] = new("fragment-last-6to4", "ipv4.df", After: p => p with { DontFragment = true }),
        ["first fragment checksum not adjusted"] = new("fragment-first-6to4", "udp.checksum", After: p => p with { Upper = new RawSpec(17, CorruptChecksum(((RawSpec)p.Upper).Bytes)) }),
        ["last fragment payload changed"] = new("fragment-last-4to6", "fragment.payload", After: p => p with { Upper = new RawSpec(17, [.. ((RawSpec)p.Upper).Bytes[..^1], 0x99]) }),
        ["v6 fragment id wrong"] = new("fragment-first-4to6", "ipv6.fragment.identification", After: p => p with { Ipv6Fragment = (0x14242, 0, true) }),
        ["v6 fragment offset wrong"] = new("fragment-last-4to6", "ipv6.fragment.offset", After: p => p with { Ipv6Fragment = (0x4242, 4, false) }),
        ["v6 fragment m lost"] = new("fragment-first-4to6", "ipv6.fragment.m", After: p => p with { Ipv6Fragment = (0x4242, 0, false) }),
        ["zero-checksum udp first fragment translated"] = new("fragment-first-4to6", "udp.checksum", Before: ZeroChecksum, After: p => AdjustedFromZero(p)),
        ["v6 fragment header missing"] = new("fragment-last-4to6", "ipv6.fragment_header", After: p => p with { Ipv6Fragment = null }),
    };

    public static IEnumerable<string> Names => Cases.Keys;

    public static Case Get(string name) => Cases[name];

    private static TestPacket WithInner(TestPacket outer, Func<TestPacket, TestPacket> change)
    {
        var icmp = (IcmpSpec)outer.Upper;
        var inner = InnerSpecs.Describe(icmp.Body);
        return outer with { Upper = icmp with { Body = change(inner).Build() } };
    }

    private static byte[] InnerEcho(byte type, ushort id, ushort sequence) =>
        new TestPacket { Source = TranslationPairs.Client6, Destination = TranslationPairs.Server6, HopLimit = 1, Upper = IcmpSpec.Echo(type, id, sequence, TranslationPairs.Data) }.Build();

    private static ushort ChecksumWithoutPseudoHeader(TestPacket packet)
    {
        var bytes = ((IcmpSpec)packet.Upper with { ChecksumOverride = 0 }).Build(packet);
        return InternetChecksum.Complement(InternetChecksum.Sum(bytes));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0xFF;
        return copy;
    }

    // The IPv4 first fragment with its UDP checksum zero (no checksum).
    private static TestPacket ZeroChecksum(TestPacket ipv4)
    {
        var udp = (byte[])((RawSpec)ipv4.Upper).Bytes.Clone();
        udp[6] = udp[7] = 0;
        return ipv4 with { Upper = new RawSpec(17, udp) };
    }

    // What the old oracle wanted: zero "adjusted" for the address change — a checksum that verifies nothing (RFC 7915 §4.5 says drop instead).
    private static TestPacket AdjustedFromZero(TestPacket ipv6)
    {
        var udp = (byte[])((RawSpec)ipv6.Upper).Bytes.Clone();
        var before = ZeroChecksum(OraclePositiveTests.Scenario("fragment-first-4to6").Before);
        var removed = InternetChecksum.Sum(before.DestinationBytes, InternetChecksum.Sum(before.SourceBytes));
        var added = InternetChecksum.Sum(ipv6.DestinationBytes, InternetChecksum.Sum(ipv6.SourceBytes));
        var adjusted = InternetChecksum.Adjust(0, removed, added);
        udp[6] = (byte)(adjusted >> 8);
        udp[7] = (byte)adjusted;
        return ipv6 with { Upper = new RawSpec(17, udp) };
    }

    private static byte[] CorruptChecksum(byte[] udp)
    {
        var copy = (byte[])udp.Clone();
        copy[6] ^= 0x01;
        return copy;
    }
}
