using Nat64Harness.Packets.Tests.Support;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// One thing wrong per case in an error from between the capture points (<see cref="OwnErrorScenarios"/>): the
/// scenario's sent packet, its quoted packet or the error's header changed, everything else as in the correct one.
/// </summary>
internal static class OwnErrorNegativeCases
{
    /// <param name="JudgedAnotherWay">The change moves the error to another rule (the hop that answered, the quote's
    /// form), so the correct error has no check of <paramref name="Field"/>.</param>
    public sealed record Case(string Scenario, string Field, Func<OwnErrorScenario, OwnErrorScenario> Break, bool JudgedAnotherWay = false);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // RFC 7915 §4.1 / §5.1 with the forwarding hops: which hop runs out, and so which error and quote
        ["hop limit 4 answered though it leaves Tayga with 1"] = new("time exceeded behind the translator, v6", "icmpv6.type", c => c with { Sent = c.Sent with { HopLimit = 4 } }, JudgedAnotherWay: true),
        ["ttl 4 answered though it leaves Tayga with 1"] = new("time exceeded behind the translator, v4", "icmp.type", c => c with { Sent = c.Sent with { HopLimit = 4 } }, JudgedAnotherWay: true),
        ["hop limit 3 answered with the packet as received"] = new("time exceeded behind the translator, v6", "inner.ipv6.flow_label", c => c with { Quoted = c.Sent with { HopLimit = 1 } }),
        ["time exceeded code 1 at the translator"] = new("time exceeded at the translator, v6", "icmpv6.type", c => c with { Header = c.Header with { Code = 1 } }),
        ["quoted hop limit not the one received"] = new("time exceeded at the translator, v6", "inner.ipv6.hop_limit", c => c with { Quoted = c.Quoted with { HopLimit = 2 } }),
        ["quoted ttl not the one received"] = new("time exceeded at the translator, v4", "inner.ipv4.ttl", c => c with { Quoted = c.Quoted with { HopLimit = 2 } }),
        ["quoted header checksum not updated with the ttl"] = new("time exceeded at the translator, v4", "inner.ipv4.header_checksum", c => c with { Quoted = c.Quoted with { HeaderChecksumOverride = 0x1234 } }),
        ["quoted packet altered"] = new("time exceeded at the translator, v4", "inner.packet", c => c with { Quoted = c.Quoted with { TrafficClass = 0 } }),
        ["quoted packet from behind with flow label kept"] = new("packet too big behind the translator, Tayga", "inner.ipv6.flow_label", c => c with { Quoted = c.Quoted with { FlowLabel = 0x12345 } }),

        // RFC 7915 §4.3 / §5.3: the packet in error behind the translator is its translation, translated back
        ["translated back: hop limit past every hop"] = new("packet too big behind the translator, Tayga", "inner.ipv6.hop_limit", c => c with { Quoted = c.Quoted with { HopLimit = 60 } }),
        ["translated back: traffic class not copied"] = new("packet too big behind the translator, Tayga", "inner.ipv6.traffic_class", c => c with { Quoted = c.Quoted with { TrafficClass = 0 } }),
        ["translated back: payload length wrong"] = new("packet too big behind the translator, Jool", "inner.ipv6.payload_length", c => c with { Quoted = c.Quoted with { LengthOverride = 1000 } }),
        ["translated back: extension header kept"] = new("packet too big behind the translator, Jool", "inner.ipv6.extension_headers", c => c with { Quoted = c.Quoted with { HopByHopOptions = [1, 4, 0, 0, 0, 0] } }),
        ["translated back: udp checksum not restored"] = new("packet too big behind the translator, Tayga", "inner.udp.checksum", c => c with { Quoted = c.Quoted with { Upper = ((UdpSpec)c.Quoted.Upper) with { ChecksumOverride = 0xBEEF } } }),
        ["translated back: data changed"] = new("packet too big behind the translator, Tayga", "inner.udp.length_and_payload", c => c with { Quoted = c.Quoted with { Upper = new UdpSpec(40000, 7, [0xFF, .. ((UdpSpec)c.Quoted.Upper).Data[1..]]) } }),
        ["translated back: df cleared above 1260 bytes"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.df", c => c with { Quoted = c.Quoted with { DontFragment = false } }),
        ["translated back: ttl past every hop"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.ttl", c => c with { Quoted = c.Quoted with { HopLimit = 58 } }),
        ["translated back: ipv4 options kept"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.ihl", c => c with { Quoted = c.Quoted with { Ipv4Options = [1, 1, 1, 0] } }),
        ["translated back: header checksum wrong"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.header_checksum", c => c with { Quoted = c.Quoted with { HeaderChecksumOverride = 0x1234 } }),
        ["translated back: total length wrong"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.total_length", c => c with { Quoted = c.Quoted with { LengthOverride = 1300 } }),
        ["translated back: tos not copied"] = new("fragmentation needed behind the translator, Tayga", "inner.ipv4.tos", c => c with { Quoted = c.Quoted with { TrafficClass = 0 } }),
        ["translated back: time exceeded hop limit not 1"] = new("time exceeded behind the translator, v6", "inner.ipv6.hop_limit", c => c with { Quoted = c.Quoted with { HopLimit = 2 } }),

        // The error itself (RFC 4443 §2.2, §2.3, §3.2; RFC 792; RFC 1191 §4)
        ["packet too big mtu not below the packet"] = new("packet too big behind the translator, Tayga", "icmpv6.mtu", c => c with { Header = c.Header with { RestOfHeader = 1400 } }),
        ["packet too big mtu below 1280"] = new("packet too big at the translator, Tayga", "icmpv6.mtu", c => c with { Header = c.Header with { RestOfHeader = 1200 } }),
        ["error sent elsewhere"] = new("packet too big behind the translator, Jool", "ip.destination", c => c with { ErrorDestination = TranslationPairs.Router6 }),
        ["error checksum wrong"] = new("fragmentation needed at the translator, Jool", "icmp.checksum", c => c with { Header = c.Header with { ChecksumOverride = 0x4242 } }),
        ["sender's hop limit quoted on a translation"] = new("packet too big behind the translator, Jool", "inner.packet", c => c with { Quoted = c.Quoted with { HopLimit = 64 } }, JudgedAnotherWay: true),
    };

    public static IEnumerable<string> Names => Cases.Keys;

    public static Case Get(string name) => Cases[name];
}
