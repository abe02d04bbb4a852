using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Nat64Harness.Packets;

/// <summary>
/// An IPv4 or IPv6 packet decoded into the fields the translation oracle compares.
/// Built from the header views; keeps a reference to the packet bytes.
/// </summary>
public sealed partial class IpPacket
{
    private IPAddress? _source;
    private IPAddress? _destination;

    private IpPacket()
    {
    }

    /// <summary>An instance to decode into (see <see cref="TryLoad"/>); it holds no packet until then.</summary>
    internal static IpPacket Empty() => new();

    /// <summary>The packet bytes, trimmed to the length its header declares.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>4 or 6.</summary>
    public int Version { get; private set; }

    /// <summary>IPv4 header with options, or IPv6 fixed header plus every extension header.</summary>
    public int HeaderLength { get; private set; }

    /// <summary>IPv4 Type of Service or IPv6 Traffic Class.</summary>
    public byte TrafficClass { get; private set; }

    /// <summary>IPv6 Flow Label (0 for IPv4).</summary>
    public int FlowLabel { get; private set; }

    /// <summary>IPv4 Total Length or IPv6 Payload Length, as stored.</summary>
    public int LengthField { get; private set; }

    /// <summary>IPv4 TTL or IPv6 Hop Limit.</summary>
    public byte HopLimit { get; private set; }

    /// <summary>The IPv4 Protocol or the IPv6 fixed header's Next Header (44 when a Fragment header follows).</summary>
    public byte NextHeader { get; private set; }

    /// <summary>The upper-layer protocol after every extension header.</summary>
    public byte Protocol { get; private set; }

    /// <summary>Source address (made on first use: the oracle compares <see cref="SourceBytes"/>).</summary>
    public IPAddress Source => _source ??= new IPAddress(SourceBytes);

    /// <summary>Destination address (made on first use: the oracle compares <see cref="DestinationBytes"/>).</summary>
    public IPAddress Destination => _destination ??= new IPAddress(DestinationBytes);

    /// <summary>IPv4 header has options (IHL &gt; 5).</summary>
    public bool HasIpv4Options { get; private set; }

    /// <summary>IPv4 header carries a Loose or Strict Source Route option whose route is not exhausted (RFC 791 §3.1).</summary>
    public bool HasUnexpiredSourceRoute { get; private set; }

    /// <summary>Largest Segments Left of an IPv6 Routing header (0 when none).</summary>
    public int RoutingSegmentsLeft { get; private set; }

    /// <summary>
    /// Offset from the start of the packet of the Segments Left byte of the first Routing header with Segments Left ≠ 0
    /// (the pointer of the ICMPv6 Parameter Problem RFC 7915 §5.1 asks for), or −1.
    /// </summary>
    public int SegmentsLeftPointer { get; private set; } = -1;

    /// <summary>True when the IPv6 Fragment header is followed by another extension header (RFC 7915 §5.1: SHOULD be dropped).</summary>
    public bool ExtensionAfterFragment { get; private set; }

    /// <summary>Bytes of IPv6 extension headers other than the Fragment header.</summary>
    public int SkippedExtensionLength { get; private set; }

    /// <summary>IPv4 DF flag (false for IPv6).</summary>
    public bool DontFragment { get; private set; }

    /// <summary>IPv4 Identification (0 for IPv6).</summary>
    public ushort Identification { get; private set; }

    /// <summary>IPv4 header checksum verifies (null for IPv6).</summary>
    public bool? HeaderChecksumValid { get; private set; }

    /// <summary>IPv4 fragment fields when MF or offset is set; IPv6 Fragment header fields when present.</summary>
    public FragmentInfo? Fragment { get; private set; }

    /// <summary>Upper-layer bytes (from the transport header on), as far as captured.</summary>
    public ReadOnlyMemory<byte> Upper { get; private set; }

    /// <summary>True for an embedded packet whose declared length runs past the bytes present (normal in ICMP errors).</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>True when decoded as an embedded packet (the invoking packet of an ICMP error): a cut length is allowed.</summary>
    public bool IsEmbedded { get; private set; }

    /// <summary>Upper-layer header is present (unfragmented, or first fragment).</summary>
    public bool HasUpperHeader => Fragment is null || Fragment.IsFirst;

    /// <summary>TCP or UDP source port when the transport header is present.</summary>
    public ushort? SourcePort { get; private set; }

    /// <summary>TCP or UDP destination port when the transport header is present.</summary>
    public ushort? DestinationPort { get; private set; }

    /// <summary>Why the transport header announced by the protocol field could not be decoded, or null.</summary>
    public string? UpperError { get; private set; }

    /// <summary>Decoded ICMP message when the protocol is ICMP / ICMPv6 and the header is present.</summary>
    public IcmpMessage? Icmp { get; private set; }

    /// <summary>Source address bytes (4 or 16), without allocating.</summary>
    public ReadOnlySpan<byte> SourceBytes => Bytes.Span.Slice(Version == 4 ? 12 : 8, Version == 4 ? 4 : 16);

    /// <summary>Destination address bytes (4 or 16), without allocating.</summary>
    public ReadOnlySpan<byte> DestinationBytes => Bytes.Span.Slice(Version == 4 ? 16 : 24, Version == 4 ? 4 : 16);

    /// <summary>True for ICMP (1) or ICMPv6 (58).</summary>
    public bool IsIcmp => Protocol is IpProtocol.Icmp or IpProtocol.IcmpV6;

    /// <summary>
    /// Decodes a packet. For an embedded packet (<paramref name="embedded"/>) a declared length beyond the bytes present
    /// is allowed and sets <see cref="IsTruncated"/>; for an outer packet it is an error.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, bool embedded, [NotNullWhen(true)] out IpPacket? packet, out string error)
    {
        var decoded = new IpPacket();
        packet = decoded.TryLoad(bytes, embedded, out error) ? decoded : null;
        return packet is not null;
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> into this instance, replacing everything it held: the pairer reuses the packets
    /// it has finished with instead of allocating one per captured packet.
    /// </summary>
    internal bool TryLoad(ReadOnlyMemory<byte> bytes, bool embedded, out string error)
    {
        Reset();
        IsEmbedded = embedded;
        if (bytes.IsEmpty)
        {
            error = "empty packet";
            return false;
        }

        return (bytes.Span[0] >> 4) switch
        {
            4 => TryLoadIpv4(bytes, embedded, out error),
            6 => TryLoadIpv6(bytes, embedded, out error),
            var v => Fail($"IP version {v} is neither 4 nor 6", out error),
        };
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    private void Reset()
    {
        Bytes = default;
        Version = 0;
        HeaderLength = 0;
        TrafficClass = 0;
        FlowLabel = 0;
        LengthField = 0;
        HopLimit = 0;
        NextHeader = 0;
        Protocol = 0;
        _source = null;
        _destination = null;
        HasIpv4Options = false;
        HasUnexpiredSourceRoute = false;
        RoutingSegmentsLeft = 0;
        SegmentsLeftPointer = -1;
        ExtensionAfterFragment = false;
        SkippedExtensionLength = 0;
        DontFragment = false;
        Identification = 0;
        HeaderChecksumValid = null;
        Fragment = null;
        Upper = default;
        IsTruncated = false;
        IsEmbedded = false;
        SourcePort = null;
        DestinationPort = null;
        UpperError = null;
        Icmp = null;
    }
}
