namespace Nat64Harness.Packets;

/// <summary>
/// The one vocabulary of packet field names, shared by the translation oracle (<c>FieldCheck.Field</c>), the golden
/// extractor and normaliser, and every report or table that names a field. A field has one name everywhere:
/// the IPv4 TTL is <see cref="Ipv4Ttl"/>, never "ipv4.hop_limit"; the IPv4 TOS octet is <see cref="Ipv4Tos"/>.
/// </summary>
/// <remarks>
/// Names are "family.field". <see cref="Inner"/> prefixes the fields of the packet embedded in an ICMP error,
/// <see cref="Before"/> the checks made on the packet as it was before translation.
/// </remarks>
public static partial class FieldNames
{
    /// <summary>Prefix of the fields of the packet embedded in an ICMP error.</summary>
    public const string Inner = "inner.";

    /// <summary>Prefix of checks made on the packet before translation (its own validity).</summary>
    public const string Before = "before.";

    /// <summary>The packet as a whole (undecodable, missing, truncated).</summary>
    public const string Packet = "packet";

    /// <summary>IP version of a translated packet.</summary>
    public const string IpVersion = "ip.version";

    /// <summary>Destination of an ICMP error the translator sent back (either family).</summary>
    public const string IpDestination = "ip.destination";

    /// <summary>IPv4 Version.</summary>
    public const string Ipv4Version = "ipv4.version";

    /// <summary>IPv4 Internet Header Length, in 32-bit words.</summary>
    public const string Ipv4Ihl = "ipv4.ihl";

    /// <summary>IPv4 Type of Service octet (DSCP + ECN).</summary>
    public const string Ipv4Tos = "ipv4.tos";

    /// <summary>IPv4 Total Length.</summary>
    public const string Ipv4TotalLength = "ipv4.total_length";

    /// <summary>IPv4 Identification.</summary>
    public const string Ipv4Identification = "ipv4.identification";

    /// <summary>IPv4 Don't Fragment flag.</summary>
    public const string Ipv4Df = "ipv4.df";

    /// <summary>IPv4 More Fragments flag.</summary>
    public const string Ipv4Mf = "ipv4.mf";

    /// <summary>IPv4 Fragment Offset (8-octet units).</summary>
    public const string Ipv4FragmentOffset = "ipv4.fragment_offset";

    /// <summary>IPv4 Time to Live.</summary>
    public const string Ipv4Ttl = "ipv4.ttl";

    /// <summary>IPv4 Protocol.</summary>
    public const string Ipv4Protocol = "ipv4.protocol";

    /// <summary>IPv4 Header Checksum (compared as valid / invalid).</summary>
    public const string Ipv4HeaderChecksum = "ipv4.header_checksum";

    /// <summary>IPv4 Source Address.</summary>
    public const string Ipv4Source = "ipv4.source";

    /// <summary>IPv4 Destination Address.</summary>
    public const string Ipv4Destination = "ipv4.destination";

    /// <summary>IPv4 options bytes.</summary>
    public const string Ipv4Options = "ipv4.options";

    /// <summary>An unexpired IPv4 Loose/Strict Source Route option.</summary>
    public const string Ipv4SourceRoute = "ipv4.source_route";

    /// <summary>IPv6 Version.</summary>
    public const string Ipv6Version = "ipv6.version";

    /// <summary>IPv6 Traffic Class.</summary>
    public const string Ipv6TrafficClass = "ipv6.traffic_class";

    /// <summary>IPv6 Flow Label.</summary>
    public const string Ipv6FlowLabel = "ipv6.flow_label";

    /// <summary>IPv6 Payload Length.</summary>
    public const string Ipv6PayloadLength = "ipv6.payload_length";

    /// <summary>Next Header of the IPv6 fixed header.</summary>
    public const string Ipv6NextHeader = "ipv6.next_header";

    /// <summary>IPv6 Hop Limit.</summary>
    public const string Ipv6HopLimit = "ipv6.hop_limit";

    /// <summary>IPv6 Source Address.</summary>
    public const string Ipv6Source = "ipv6.source";

    /// <summary>IPv6 Destination Address.</summary>
    public const string Ipv6Destination = "ipv6.destination";

    /// <summary>IPv6 extension headers other than the Fragment header.</summary>
    public const string Ipv6ExtensionHeaders = "ipv6.extension_headers";

    /// <summary>Presence of the IPv6 Fragment header.</summary>
    public const string Ipv6FragmentHeader = "ipv6.fragment_header";

    /// <summary>Next Header of the IPv6 Fragment header.</summary>
    public const string Ipv6FragmentNextHeader = "ipv6.fragment.next_header";

    /// <summary>Identification of the IPv6 Fragment header.</summary>
    public const string Ipv6FragmentIdentification = "ipv6.fragment.identification";

    /// <summary>Fragment Offset of the IPv6 Fragment header (8-octet units).</summary>
    public const string Ipv6FragmentOffset = "ipv6.fragment.offset";

    /// <summary>M flag of the IPv6 Fragment header.</summary>
    public const string Ipv6FragmentM = "ipv6.fragment.m";

    /// <summary>A Routing header with Segments Left ≠ 0.</summary>
    public const string Ipv6RoutingHeader = "ipv6.routing_header";

    /// <summary>An extension header after the Fragment header.</summary>
    public const string Ipv6ExtensionAfterFragment = "ipv6.extension_after_fragment";

    /// <summary>Upper-layer bytes of a non-first fragment.</summary>
    public const string FragmentPayload = "fragment.payload";

    /// <summary>A transport header that cannot be decoded.</summary>
    public const string TransportHeader = "transport.header";

    /// <summary>Upper-layer payload (after the transport header), or an unknown protocol's bytes.</summary>
    public const string Payload = "payload";

    /// <summary>Bytes of an embedded packet after its first 8 transport bytes.</summary>
    public const string Data = "data";

    /// <summary>The copy of the invoking packet inside an ICMP error the translator sent.</summary>
    public const string InnerPacket = "inner.packet";

    /// <summary>A packet the translator must refuse (not translate) and what became of it.</summary>
    public const string Refusal = "refusal";

    /// <summary>The IPv4 TTL or IPv6 Hop Limit field name of a family.</summary>
    public static string HopLimit(int version) => version == 4 ? Ipv4Ttl : Ipv6HopLimit;

    /// <summary>The ICMP type field name of a family.</summary>
    public static string IcmpTypeOf(int version) => version == 4 ? IcmpType : Icmpv6Type;

    /// <summary>The ICMP code field name of a family.</summary>
    public static string IcmpCodeOf(int version) => version == 4 ? IcmpCode : Icmpv6Code;

    /// <summary>The ICMP checksum field name of a family.</summary>
    public static string IcmpChecksumOf(int version) => version == 4 ? IcmpChecksum : Icmpv6Checksum;

    /// <summary>The ICMP echo identifier field name of a family.</summary>
    public static string IcmpIdentifierOf(int version) => version == 4 ? IcmpIdentifier : Icmpv6Identifier;

    /// <summary>The ICMP echo sequence field name of a family.</summary>
    public static string IcmpSequenceOf(int version) => version == 4 ? IcmpSequence : Icmpv6Sequence;

    /// <summary>The RFC 4884 length attribute field name of a family.</summary>
    public static string IcmpLengthOf(int version) => version == 4 ? IcmpLength : Icmpv6Length;

    /// <summary>The RFC 4884 padding field name of a family.</summary>
    public static string IcmpPaddingOf(int version) => version == 4 ? IcmpPadding : Icmpv6Padding;

    /// <summary>The RFC 4884 extension field name of a family.</summary>
    public static string IcmpExtensionOf(int version) => version == 4 ? IcmpExtension : Icmpv6Extension;

    /// <summary>The RFC 4884 extension checksum field name of a family.</summary>
    public static string IcmpExtensionChecksumOf(int version) => version == 4 ? IcmpExtensionChecksum : Icmpv6ExtensionChecksum;

    /// <summary>The source-port field name of TCP or UDP.</summary>
    public static string SourcePort(byte protocol) => protocol == IpProtocol.Tcp ? TcpSourcePort : UdpSourcePort;

    /// <summary>The destination-port field name of TCP or UDP.</summary>
    public static string DestinationPort(byte protocol) => protocol == IpProtocol.Tcp ? TcpDestinationPort : UdpDestinationPort;

    /// <summary>The checksum field name of TCP or UDP.</summary>
    public static string TransportChecksum(byte protocol) => protocol == IpProtocol.Tcp ? TcpChecksum : UdpChecksum;
}
