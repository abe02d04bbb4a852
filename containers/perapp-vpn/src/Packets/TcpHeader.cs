using System.Buffers.Binary;

namespace Nat64Harness.PerAppVpn.Packets;

//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          Source Port          |       Destination Port        |
// |                        Sequence Number                        |
// |                    Acknowledgment Number                      |
// |  Data |       |C|E|U|A|P|R|S|F|                               |
// | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
// |           Checksum            |         Urgent Pointer        |
// |                    Options                    |    Padding    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   RFC 9293 §3.1

/// <summary>TCP header offsets and parsing.</summary>
public static class TcpHeader
{
    public const int MinLength = 20;
    public const int SequenceOffset = 4;
    public const int AcknowledgmentOffset = 8;
    public const int DataOffsetOffset = 12;
    public const int FlagsOffset = 13;
    public const int WindowOffset = 14;
    public const int ChecksumOffset = 16;
    public const int UrgentOffset = 18;

    private const byte OptionEnd = 0;
    private const byte OptionNop = 1;
    private const byte OptionMss = 2;
    private const byte OptionWindowScale = 3;

    internal static bool TryParse(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> l4, ref ParsedPacket p, out DropReason reason)
    {
        if (l4.Length < MinLength)
        {
            return PacketParser.Fail(DropReason.TcpTruncated, out reason);
        }

        var headerLength = (l4[DataOffsetOffset] >> 4) * 4;
        if (headerLength < MinLength || headerLength > l4.Length)
        {
            return PacketParser.Fail(DropReason.TcpBadDataOffset, out reason);
        }

        if (!p.ChecksumTrusted && Checksum.Finish(Checksum.Add(PacketParser.PseudoHeaderSum(packet, p), l4)) != 0)
        {
            return PacketParser.Fail(DropReason.TcpBadChecksum, out reason);
        }

        p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
        p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        p.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(l4[SequenceOffset..]);
        p.TcpAcknowledgment = BinaryPrimitives.ReadUInt32BigEndian(l4[AcknowledgmentOffset..]);
        p.TcpFlags = (TcpFlags)(l4[FlagsOffset] & 0x3F);
        p.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(l4[WindowOffset..]);
        p.PayloadOffset = p.L4Offset + headerLength;
        p.PayloadLength = l4.Length - headerLength;
        ParseOptions(l4[MinLength..headerLength], ref p);
        reason = DropReason.None;
        return true;
    }

    private static void ParseOptions(ReadOnlySpan<byte> options, ref ParsedPacket p)
    {
        p.TcpMss = 0;
        p.TcpWindowScale = -1;
        var i = 0;
        while (i < options.Length)
        {
            var kind = options[i];
            if (kind == OptionEnd)
            {
                return;
            }

            if (kind == OptionNop)
            {
                i++;
                continue;
            }

            if (i + 1 >= options.Length || options[i + 1] < 2 || i + options[i + 1] > options.Length)
            {
                return; // A malformed option list ends parsing; the segment itself is still usable.
            }

            var length = options[i + 1];
            if (kind == OptionMss && length == 4)
            {
                p.TcpMss = BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
            }
            else if (kind == OptionWindowScale && length == 3)
            {
                p.TcpWindowScale = (sbyte)Math.Min(options[i + 2], (byte)14);
            }

            i += length;
        }
    }
}
