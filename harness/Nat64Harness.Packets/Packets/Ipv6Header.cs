using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// A view over the fixed IPv6 header (RFC 8200 §3).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Traffic Class |           Flow Label                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Source Address (128 bits)                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Destination Address (128 bits)               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct Ipv6Header
{
    /// <summary>Length of the fixed header.</summary>
    public const int Length = 40;

    /// <summary>Offset of the Hop Limit octet.</summary>
    public const int HopLimitOffset = 7;

    private const int PayloadLengthOffset = 4;
    private const int NextHeaderOffset = 6;
    private const int SourceOffset = 8;
    private const int DestinationOffset = 24;

    private readonly ReadOnlySpan<byte> _header;

    private Ipv6Header(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Parses the fixed header at the start of <paramref name="packet"/>; false when not IPv6 or shorter than 40 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Length || packet[0] >> 4 != 6)
        {
            return false;
        }

        header = new Ipv6Header(packet[..Length]);
        return true;
    }

    /// <summary>Traffic Class octet.</summary>
    public byte TrafficClass => (byte)((BinaryPrimitives.ReadUInt16BigEndian(_header) >> 4) & 0xFF);

    /// <summary>Flow Label (20 bits).</summary>
    public int FlowLabel => (int)(BinaryPrimitives.ReadUInt32BigEndian(_header) & 0xFFFFF);

    /// <summary>Payload Length field (everything after the fixed header, extension headers included).</summary>
    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_header[PayloadLengthOffset..]);

    /// <summary>Next Header of the fixed header.</summary>
    public byte NextHeader => _header[NextHeaderOffset];

    /// <summary>Hop Limit.</summary>
    public byte HopLimit => _header[HopLimitOffset];

    /// <summary>Source address (16 bytes).</summary>
    public ReadOnlySpan<byte> Source => _header.Slice(SourceOffset, 16);

    /// <summary>Destination address (16 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _header.Slice(DestinationOffset, 16);
}
