using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// A view over the common ICMPv4 (RFC 792) / ICMPv6 (RFC 4443 §2.1) header.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Identifier / unused / pointer|  Sequence / next-hop MTU      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Echo data, or as much of the invoking packet as fits      |
/// </code>
/// ICMPv6 Packet Too Big carries a 32-bit MTU in bytes 4-7; ICMPv4 Fragmentation Needed (RFC 1191)
/// a 16-bit next-hop MTU in bytes 6-7; Parameter Problem a pointer (8 bits in v4 byte 4, 32 bits in v6 bytes 4-7).
/// </remarks>
public readonly ref struct IcmpHeader
{
    /// <summary>Length of the fixed part.</summary>
    public const int Length = 8;

    /// <summary>Offset of the checksum field.</summary>
    public const int ChecksumOffset = 2;

    private readonly ReadOnlySpan<byte> _header;

    private IcmpHeader(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Parses the fixed 8 bytes at the start of <paramref name="message"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out IcmpHeader header)
    {
        header = default;
        if (message.Length < Length)
        {
            return false;
        }

        header = new IcmpHeader(message[..Length]);
        return true;
    }

    /// <summary>Type.</summary>
    public byte Type => _header[0];

    /// <summary>Code.</summary>
    public byte Code => _header[1];

    /// <summary>Checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_header[ChecksumOffset..]);

    /// <summary>Echo identifier (bytes 4-5).</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_header[4..]);

    /// <summary>Echo sequence number (bytes 6-7).</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_header[6..]);

    /// <summary>Bytes 4-7 as one 32-bit value (ICMPv6 MTU or pointer).</summary>
    public uint RestOfHeader => BinaryPrimitives.ReadUInt32BigEndian(_header[4..]);
}
