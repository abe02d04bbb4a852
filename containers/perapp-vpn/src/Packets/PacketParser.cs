using System.Buffers.Binary;

namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>
/// Parses one IP packet as read from a TUN (IFF_NO_PI) over a borrowed span. Never indexes past the span;
/// returns false with a <see cref="DropReason"/> on anything it cannot forward.
/// </summary>
public static class PacketParser
{
    private const int MaxExtensionHeaders = 8;

    /// <summary>
    /// Parses <paramref name="packet"/> down to the upper-layer payload and verifies its checksums; the transport
    /// checksum not when <paramref name="transportChecksumTrusted"/> (the TUN's offload header vouches for it).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out ParsedPacket parsed, out DropReason reason, bool transportChecksumTrusted = false)
    {
        parsed = default;
        if (packet.IsEmpty)
        {
            reason = DropReason.Empty;
            return false;
        }

        var ok = (packet[0] >> 4) switch
        {
            4 => TryParseIpv4(packet, ref parsed, out reason),
            6 => TryParseIpv6(packet, ref parsed, out reason),
            _ => Fail(DropReason.BadIpVersion, out reason),
        };
        parsed.ChecksumTrusted = transportChecksumTrusted;
        return ok && TryParseUpperLayer(packet, ref parsed, out reason);
    }

    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |Version|  IHL  |Type of Service|          Total Length         |
    // |         Identification        |Flags|      Fragment Offset    |
    // |  Time to Live |    Protocol   |         Header Checksum       |
    // |                       Source Address                          |
    // |                    Destination Address                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   RFC 791
    private static bool TryParseIpv4(ReadOnlySpan<byte> packet, ref ParsedPacket p, out DropReason reason)
    {
        if (packet.Length < Ipv4Header.MinLength)
        {
            return Fail(DropReason.Ipv4Truncated, out reason);
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < Ipv4Header.MinLength)
        {
            return Fail(DropReason.Ipv4BadHeaderLength, out reason);
        }

        if (headerLength > packet.Length)
        {
            return Fail(DropReason.Ipv4Truncated, out reason);
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv4Header.TotalLengthOffset..]);
        if (totalLength < headerLength)
        {
            return Fail(DropReason.Ipv4BadTotalLength, out reason);
        }

        if (totalLength > packet.Length)
        {
            return Fail(DropReason.Ipv4Truncated, out reason);
        }

        if (Checksum.Finish(Checksum.Add(0, packet[..headerLength])) != 0)
        {
            return Fail(DropReason.Ipv4BadHeaderChecksum, out reason);
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv4Header.FlagsFragmentOffset..]);
        if ((fragment & 0x3FFF) != 0)
        {
            return Fail(DropReason.Ipv4Fragment, out reason);
        }

        p.Version = 4;
        p.BaseHeaderLength = headerLength;
        p.L4Offset = headerLength;
        p.L4Length = totalLength - headerLength;
        p.Protocol = packet[Ipv4Header.ProtocolOffset];
        p.HopLimit = packet[Ipv4Header.TtlOffset];
        p.Source = BinaryPrimitives.ReadUInt32BigEndian(packet[Ipv4Header.SourceOffset..]);
        p.Destination = BinaryPrimitives.ReadUInt32BigEndian(packet[Ipv4Header.DestinationOffset..]);
        reason = DropReason.None;
        return true;
    }

    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |Version| Traffic Class |           Flow Label                  |
    // |         Payload Length        |  Next Header  |   Hop Limit   |
    // |                 Source Address (128 bits)                     |
    // |              Destination Address (128 bits)                   |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   RFC 8200 §3
    private static bool TryParseIpv6(ReadOnlySpan<byte> packet, ref ParsedPacket p, out DropReason reason)
    {
        if (packet.Length < Ipv6Header.Length)
        {
            return Fail(DropReason.Ipv6Truncated, out reason);
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv6Header.PayloadLengthOffset..]);
        if (payloadLength == 0)
        {
            // Zero means a jumbogram (RFC 2675); a TUN with MTU <= 65535 never carries one legitimately.
            return Fail(DropReason.Ipv6BadPayloadLength, out reason);
        }

        if (Ipv6Header.Length + payloadLength > packet.Length)
        {
            return Fail(DropReason.Ipv6Truncated, out reason);
        }

        var end = Ipv6Header.Length + payloadLength;
        var next = packet[Ipv6Header.NextHeaderOffset];
        var offset = Ipv6Header.Length;
        for (var count = 0; ; count++)
        {
            if (next is not (IpProtocol.HopByHop or IpProtocol.Routing or IpProtocol.DestinationOptions or IpProtocol.Fragment or IpProtocol.Ah))
            {
                break;
            }

            if (count == MaxExtensionHeaders)
            {
                return Fail(DropReason.Ipv6TooManyExtensionHeaders, out reason);
            }

            if (offset + 8 > end)
            {
                return Fail(DropReason.Ipv6ExtensionHeaderTruncated, out reason);
            }

            if (next == IpProtocol.Fragment)
            {
                return Fail(DropReason.Ipv6Fragment, out reason);
            }

            var length = next == IpProtocol.Ah ? (packet[offset + 1] + 2) * 4 : (packet[offset + 1] + 1) * 8;
            if (offset + length > end)
            {
                return Fail(DropReason.Ipv6ExtensionHeaderTruncated, out reason);
            }

            next = packet[offset];
            offset += length;
        }

        p.Version = 6;
        p.BaseHeaderLength = Ipv6Header.Length;
        p.L4Offset = offset;
        p.L4Length = end - offset;
        p.Protocol = next;
        p.HopLimit = packet[Ipv6Header.HopLimitOffset];
        p.Source = BinaryPrimitives.ReadUInt128BigEndian(packet[Ipv6Header.SourceOffset..]);
        p.Destination = BinaryPrimitives.ReadUInt128BigEndian(packet[Ipv6Header.DestinationOffset..]);
        reason = DropReason.None;
        return true;
    }

    private static bool TryParseUpperLayer(ReadOnlySpan<byte> packet, ref ParsedPacket p, out DropReason reason)
    {
        var l4 = packet.Slice(p.L4Offset, p.L4Length);
        return p.Protocol switch
        {
            IpProtocol.Tcp => TcpHeader.TryParse(packet, l4, ref p, out reason),
            IpProtocol.Udp => UdpHeader.TryParse(packet, l4, ref p, out reason),
            IpProtocol.Icmp when p.Version == 4 => IcmpEchoHeader.TryParse(packet, l4, ref p, out reason),
            IpProtocol.IcmpV6 when p.Version == 6 => IcmpEchoHeader.TryParse(packet, l4, ref p, out reason),
            _ => Fail(DropReason.UnknownProtocol, out reason),
        };
    }

    /// <summary>Sum of the pseudo-header for the packet's family (the caller adds the upper-layer bytes).</summary>
    internal static uint PseudoHeaderSum(ReadOnlySpan<byte> packet, in ParsedPacket p)
    {
        return p.Version == 6
            ? Checksum.PseudoHeaderV6(packet.Slice(Ipv6Header.SourceOffset, 16), packet.Slice(Ipv6Header.DestinationOffset, 16), p.L4Length, p.Protocol)
            : Checksum.PseudoHeaderV4(packet.Slice(Ipv4Header.SourceOffset, 4), packet.Slice(Ipv4Header.DestinationOffset, 4), p.L4Length, p.Protocol);
    }

    internal static bool Fail(DropReason why, out DropReason reason)
    {
        reason = why;
        return false;
    }
}
