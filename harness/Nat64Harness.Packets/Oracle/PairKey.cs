using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// What a packet and its translation have in common, whatever the IP version: transport identity and content.
/// Addresses are left out on purpose (they are what the translator changes); the oracle judges them after pairing.
/// For a stateful NAT64 the port or ICMP identifier of the client / pool4 side is left out too (the BIB rewrites it):
/// the other port, the TCP sequence, the echo sequence and the content still have to agree.
/// </summary>
internal readonly record struct PairKey(int Kind, int A, int B, long C, int ContentHash)
{
    private const int Transport = 1;
    private const int Echo = 2;
    private const int Error = 3;
    private const int Fragment = 4;
    private const int Other = 5;

    public static PairKey Of(IpPacket packet) => Of(packet, null);

    /// <summary>The key; <paramref name="isMappedSide"/> (stateful only) says which addresses' ports the translator rewrites.</summary>
    public static PairKey Of(IpPacket packet, Func<System.Net.IPAddress, bool>? isMappedSide)
    {
        // Stateless translators map no port: the packet's addresses are not even made (they would be per packet).
        bool Mapped(IpPacket owner, bool source) => isMappedSide is not null && isMappedSide(source ? owner.Source : owner.Destination);

        var protocol = NormalProtocol(packet.Protocol);
        if (packet.Fragment is { } fragment && !(fragment.IsFirst && packet.HasUpperHeader && !fragment.MoreFragments))
        {
            // The first fragment's transport checksum differs between the versions: leave the header out of the hash.
            var skip = fragment.IsFirst && packet.Protocol == IpProtocol.Tcp ? TcpHeader.MinLength : UdpHeader.Length;
            return new PairKey(Fragment, protocol, (int)(fragment.Identification & 0xFFFF), fragment.Offset, Hash(packet.Upper.Span[Math.Min(packet.Upper.Length, skip)..]));
        }

        if (packet.SourcePort is { } sourcePort)
        {
            var upper = packet.Upper.Span;
            var headerLength = packet.Protocol == IpProtocol.Tcp && TcpHeader.TryParse(upper, out var tcp) ? tcp.HeaderLength : UdpHeader.Length;
            long sequence = packet.Protocol == IpProtocol.Tcp && upper.Length >= 14 ? ((long)ReadUInt32(upper[4..]) << 8) | upper[13] : 0;
            var ports = (Mapped(packet, source: true) ? 0 : sourcePort << 16) | (Mapped(packet, source: false) ? 0 : packet.DestinationPort!.Value);

            // A TCP segment's header is part of what it carries, all but ports, sequence (above) and checksum: two pure
            // ACKs of one flow may differ only in the acknowledgment number or in their SACK blocks, and a router may
            // reorder them (measured: Tayga's host swapped two ACKs of a transfer; through OpenVPN with losses, two
            // duplicate ACKs differing only in SACK were paired crosswise, one across the stretch a ring left out).
            var header = packet.Protocol == IpProtocol.Tcp && headerLength >= TcpHeader.MinLength && upper.Length >= headerLength
                ? TcpHeaderHash(upper[..headerLength])
                : 0;
            return new PairKey(Transport, protocol, ports, sequence, HashCode.Combine(header, Hash(upper[Math.Min(upper.Length, headerLength)..])));
        }

        if (packet.Icmp is { } icmp)
        {
            if (icmp.IsError)
            {
                var inner = icmp.Inner;
                var innerFlow = inner?.SourcePort is { } port
                    ? (Mapped(inner, source: true) ? 0 : port << 16) | (Mapped(inner, source: false) ? 0 : inner.DestinationPort!.Value)
                    : inner?.Icmp is { } innerIcmp ? (int)EchoRest(innerIcmp.RestOfHeader, isMappedSide is not null) : 0;
                return new PairKey(Error, inner is null ? 0 : NormalProtocol(inner.Protocol), innerFlow, 0, 0);
            }

            // A request and its reply share identifier, sequence and data: the kind keeps them apart.
            var reply = icmp.Type is 0 or 129 ? 1 : 0;
            return new PairKey(Echo, protocol, (int)EchoRest(icmp.RestOfHeader, isMappedSide is not null), reply, Hash(icmp.Body.Span));
        }

        return new PairKey(Other, protocol, 0, 0, Hash(packet.Upper.Span));
    }

    // Stateful: the identifier (high half) is the query's "port", rewritten by the BIB; the sequence stays.
    private static uint EchoRest(uint restOfHeader, bool stateful) => stateful ? restOfHeader & 0xFFFF : restOfHeader;

    private static int NormalProtocol(byte protocol) => protocol == IpProtocol.IcmpV6 ? IpProtocol.Icmp : protocol;

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes) => (uint)((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    // Acknowledgment, data offset, flags, window (bytes 8-15), urgent pointer and options (18 on): what a translator
    // copies unchanged (RFC 7915 §4.5, §5.5); the checksum (16-17) is what it changes.
    private static int TcpHeaderHash(ReadOnlySpan<byte> header)
    {
        var hash = default(HashCode);
        hash.AddBytes(header[8..16]);
        hash.AddBytes(header[18..]);
        return hash.ToHashCode();
    }
}
