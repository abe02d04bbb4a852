using System.Net;
using Nat64Harness.Addressing;

namespace Nat64Harness.Oracle;

/// <summary>What the oracle must know about the translator: its prefix, its address mapping and its configuration.</summary>
public sealed record TranslationContext
{
    /// <summary>Creates a context for <paramref name="prefix"/>; <paramref name="mapping"/> defaults to a learning mapping.</summary>
    public TranslationContext(Nat64Prefix prefix, IAddressMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix;
        Mapping = mapping ?? new LearningAddressMapping();
    }

    /// <summary>
    /// A stateful NAT64 context that learns the BIB from the first packet of each flow, constrained to
    /// <paramref name="pool4"/> (e.g. <c>100.64.5.128/26</c>) and <paramref name="ports"/> (e.g. <c>61001-65535</c>).
    /// </summary>
    public static TranslationContext Stateful(Nat64Prefix prefix, IPNetwork pool4, PortRange? ports = null) =>
        Stateful(prefix, new LearningTransportMapping(pool4, ports));

    /// <summary>A stateful NAT64 context judged against <paramref name="bib"/> (e.g. a <see cref="StaticTransportMapping"/> from <see cref="JoolBibParser"/>).</summary>
    public static TranslationContext Stateful(Nat64Prefix prefix, ITransportMapping bib)
    {
        ArgumentNullException.ThrowIfNull(bib);
        return new TranslationContext(prefix) { TransportMapping = bib };
    }

    /// <summary>The NAT64 prefix (RFC 6052).</summary>
    public Nat64Prefix Prefix { get; init; }

    /// <summary>IPv6 client ↔ IPv4 pool mapping.</summary>
    public IAddressMapping Mapping { get; init; }

    /// <summary>
    /// Null (the default): a stateless translator (RFC 7915, Tayga) that copies ports and ICMP identifiers and maps
    /// only addresses through <see cref="Mapping"/>. Set: a stateful NAT64 (RFC 6146, Jool) whose BIB rewrites the
    /// client's (address, port) to a pool4 (address, port) and back, ICMP echo identifiers included; pairing,
    /// address, port and identifier checks then use this mapping. See <see cref="Stateful(Nat64Prefix, ITransportMapping)"/>.
    /// </summary>
    public ITransportMapping? TransportMapping { get; init; }

    /// <summary>True when <see cref="TransportMapping"/> is set.</summary>
    public bool IsStateful => TransportMapping is not null;

    /// <summary>TOS ↔ Traffic Class behaviour; RFC 7915 default is copy.</summary>
    public TosPolicy Tos { get; init; } = TosPolicy.Copy;

    /// <summary>DF rule for unfragmented IPv6 → IPv4.</summary>
    public DontFragmentRule DontFragment { get; init; } = DontFragmentRule.Rfc7915;

    /// <summary>
    /// Forwarding hops between the two capture points besides the translation itself, each decrementing the hop
    /// limit or TTL once more. A Linux host running a userspace translator (Tayga) forwards once into its TUN and
    /// once out of it: 2. An in-kernel translator on the forwarding path (Jool netfilter): 0.
    /// </summary>
    public int ForwardingHops { get; init; }

    /// <summary>
    /// How many of the <see cref="ForwardingHops"/> a packet crosses before it reaches the translator, in either
    /// direction (the rest come after it). It decides which hop answers a packet whose hop limit runs out between the
    /// capture points, and so whether the ICMP error quotes the packet as received or a translation of it translated back
    /// (RFC 7915 §4.3 / §5.3). Null (the default): half, rounded down — a Linux host forwarding into a TUN and out of it
    /// has one hop on each side.
    /// </summary>
    public int? ForwardingHopsBefore { get; init; }

    /// <summary>
    /// Floor for the MTU of a Packet Too Big translated from Fragmentation Needed; default 1280, the IPv6 minimum MTU
    /// (RFC 8200 §5), below which an IPv6 host cannot act on the message (RFC 8021 deprecates the atomic fragments
    /// RFC 6145 used instead). Null judges by the RFC 7915 §4.2 formula alone — Tayga 0.9.2 without
    /// <c>allow-ident-gen</c> passes MTU+20 through even below 1280.
    /// </summary>
    public int? MinimumPacketTooBigMtu { get; init; } = 1280;

    /// <summary>What the translator does with unfragmented IPv4 UDP whose checksum is zero (RFC 7915 §4.5); default: computes one.</summary>
    public ZeroChecksumUdpPolicy ZeroChecksumUdp { get; init; } = ZeroChecksumUdpPolicy.Compute;

    /// <summary>
    /// True accepts a translated UDP checksum of 0x0000 where the correct one is 0xFFFF (the one's-complement sum is
    /// right, but RFC 768 says a computed zero is sent as all ones, and in IPv6 a zero means "no checksum", RFC 8200
    /// §8.1): what an incremental update (RFC 1624) that does not fold negative zero produces once in 65536 packets.
    /// A relaxation, off by default, stated where it is used (Tayga 0.9.2, measured).
    /// </summary>
    public bool ZeroForAllOnesUdpChecksum { get; init; }

    /// <summary>
    /// True (the default): a packet RFC 7915 says to discard with an ICMP error back to its sender (unexpired IPv4 source
    /// route §4.1: Destination Unreachable 3/5; IPv6 Routing header with Segments Left ≠ 0 §5.1: Parameter Problem 4/0
    /// pointing at Segments Left) fails as <see cref="PairingOutcome.NotAnswered"/> when it is dropped silently. The RFC
    /// words the error as SHOULD; false accepts a silent drop (a relaxation, to be stated where it is used).
    /// </summary>
    public bool RefusalErrorsRequired { get; init; } = true;

    /// <summary>
    /// The minimum IPv6 MTU the translator fragments DF=0 IPv4 packets to (RFC 7915 §4.1: 1280 by default; "MUST provide
    /// a configuration function" to raise it — Jool's lowest-ipv6-mtu): each IPv6 fragment it makes must fit.
    /// </summary>
    public int LowestIpv6Mtu { get; init; } = 1280;

    /// <summary>MTU of the translator's IPv6 next hop, when known (bounds translated Packet Too Big).</summary>
    public int? Ipv6NextHopMtu { get; init; }

    /// <summary>MTU of the translator's IPv4 next hop, when known (bounds translated Packet Too Big / Fragmentation Needed).</summary>
    public int? Ipv4NextHopMtu { get; init; }
}
