using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// A view over a UDP header (RFC 768).
/// </summary>
/// <remarks>
/// <code>
///  0      7 8     15 16    23 24    31
/// +--------+--------+--------+--------+
/// |     Source      |   Destination   |
/// |      Port       |      Port       |
/// +--------+--------+--------+--------+
/// |     Length      |    Checksum     |
/// +--------+--------+--------+--------+
/// </code>
/// </remarks>
public readonly ref struct UdpHeader
{
    /// <summary>UDP header length.</summary>
    public const int Length = 8;

    /// <summary>Offset of the checksum field.</summary>
    public const int ChecksumOffset = 6;

    private readonly ReadOnlySpan<byte> _header;

    private UdpHeader(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Parses the header at the start of <paramref name="segment"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> segment, out UdpHeader header)
    {
        header = default;
        if (segment.Length < Length)
        {
            return false;
        }

        header = new UdpHeader(segment[..Length]);
        return true;
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_header);

    /// <summary>Destination port.</summary>
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_header[2..]);

    /// <summary>Length field (header + data).</summary>
    public ushort DatagramLength => BinaryPrimitives.ReadUInt16BigEndian(_header[4..]);

    /// <summary>Checksum field; zero means "none" in IPv4 only.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_header[ChecksumOffset..]);
}
