using System.Buffers.Binary;

namespace Nat64Harness.PerAppVpn.Packets;

// +--------+--------+--------+--------+
// |  Type  |  Code  |    Checksum     |
// |   Identifier    | Sequence Number |
// |     Data ...                      |
// +--------+--------+--------+--------+   RFC 792 (echo), RFC 4443 §4.1-4.2 (ICMPv6 echo)

/// <summary>ICMP / ICMPv6 echo header offsets and parsing.</summary>
public static class IcmpEchoHeader
{
    public const int Length = 8;
    public const int ChecksumOffset = 2;
    public const int IdentifierOffset = 4;
    public const int SequenceOffset = 6;

    public const byte EchoRequestV4 = 8;
    public const byte EchoReplyV4 = 0;
    public const byte EchoRequestV6 = 128;
    public const byte EchoReplyV6 = 129;

    internal static bool TryParse(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> l4, ref ParsedPacket p, out DropReason reason)
    {
        if (l4.Length < Length)
        {
            return PacketParser.Fail(DropReason.IcmpTruncated, out reason);
        }

        // ICMPv4's checksum covers only the message; ICMPv6's also covers the pseudo-header (RFC 4443 §2.3).
        var initial = p.Version == 6 ? PacketParser.PseudoHeaderSum(packet, p) : 0u;
        if (!p.ChecksumTrusted && Checksum.Finish(Checksum.Add(initial, l4)) != 0)
        {
            return PacketParser.Fail(DropReason.IcmpBadChecksum, out reason);
        }

        p.IcmpType = l4[0];
        var request = p.Version == 6 ? EchoRequestV6 : EchoRequestV4;
        if (p.IcmpType != request || l4[1] != 0)
        {
            return PacketParser.Fail(DropReason.IcmpNotEchoRequest, out reason);
        }

        p.EchoIdentifier = BinaryPrimitives.ReadUInt16BigEndian(l4[IdentifierOffset..]);
        p.EchoSequence = BinaryPrimitives.ReadUInt16BigEndian(l4[SequenceOffset..]);
        p.SourcePort = p.EchoIdentifier;
        p.DestinationPort = 0;
        p.PayloadOffset = p.L4Offset + Length;
        p.PayloadLength = l4.Length - Length;
        reason = DropReason.None;
        return true;
    }
}
