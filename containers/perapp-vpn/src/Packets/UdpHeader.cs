using System.Buffers.Binary;

namespace Nat64Harness.PerAppVpn.Packets;

// +--------+--------+--------+--------+
// |  Source Port    | Destination Port|
// |     Length      |    Checksum     |
// +--------+--------+--------+--------+   RFC 768

/// <summary>UDP header offsets and parsing.</summary>
public static class UdpHeader
{
    public const int Length = 8;
    public const int LengthOffset = 4;
    public const int ChecksumOffset = 6;

    internal static bool TryParse(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> l4, ref ParsedPacket p, out DropReason reason)
    {
        if (l4.Length < Length)
        {
            return PacketParser.Fail(DropReason.UdpTruncated, out reason);
        }

        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(l4[LengthOffset..]);
        if (udpLength < Length || udpLength > l4.Length)
        {
            return PacketParser.Fail(DropReason.UdpBadLength, out reason);
        }

        var checksum = BinaryPrimitives.ReadUInt16BigEndian(l4[ChecksumOffset..]);

        // RFC 8200 §8.1: a zero UDP checksum is invalid over IPv6; over IPv4 it means "not computed".
        if (!p.ChecksumTrusted && (p.Version == 6 || checksum != 0))
        {
            p.L4Length = udpLength;
            if (checksum == 0 || Checksum.Finish(Checksum.Add(PacketParser.PseudoHeaderSum(packet, p), l4[..udpLength])) != 0)
            {
                return PacketParser.Fail(DropReason.UdpBadChecksum, out reason);
            }
        }

        p.L4Length = udpLength;
        p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
        p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        p.PayloadOffset = p.L4Offset + Length;
        p.PayloadLength = udpLength - Length;
        reason = DropReason.None;
        return true;
    }
}
