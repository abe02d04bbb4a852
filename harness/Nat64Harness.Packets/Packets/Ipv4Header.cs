using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// A view over an IPv4 header (RFC 791 §3.1).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |Type of Service|          Total Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Identification        |Flags|      Fragment Offset    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Source Address                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Destination Address                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Options                    |    Padding    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct Ipv4Header
{
    /// <summary>Length of a header without options.</summary>
    public const int MinLength = 20;

    /// <summary>Offset of the Time to Live octet.</summary>
    public const int TtlOffset = 8;

    /// <summary>Offset of the 16-bit Header Checksum.</summary>
    public const int ChecksumOffset = 10;

    private const int TosOffset = 1;
    private const int TotalLengthOffset = 2;
    private const int IdentificationOffset = 4;
    private const int FlagsOffset = 6;
    private const int ProtocolOffset = 9;
    private const int SourceOffset = 12;
    private const int DestinationOffset = 16;

    private readonly ReadOnlySpan<byte> _header;

    private Ipv4Header(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Parses the header at the start of <paramref name="packet"/>; false when not IPv4 or shorter than IHL says.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        var length = (packet[0] & 0x0F) * 4;
        if (length < MinLength || packet.Length < length)
        {
            return false;
        }

        header = new Ipv4Header(packet[..length]);
        return true;
    }

    /// <summary>The header bytes including options.</summary>
    public ReadOnlySpan<byte> Bytes => _header;

    /// <summary>IHL × 4.</summary>
    public int HeaderLength => _header.Length;

    /// <summary>Type of Service octet (DSCP + ECN).</summary>
    public byte TypeOfService => _header[TosOffset];

    /// <summary>Total Length field.</summary>
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_header[TotalLengthOffset..]);

    /// <summary>Identification field.</summary>
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_header[IdentificationOffset..]);

    /// <summary>DF flag.</summary>
    public bool DontFragment => (_header[FlagsOffset] & 0x40) != 0;

    /// <summary>MF flag.</summary>
    public bool MoreFragments => (_header[FlagsOffset] & 0x20) != 0;

    /// <summary>Fragment Offset in 8-octet units.</summary>
    public int FragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(_header[FlagsOffset..]) & 0x1FFF;

    /// <summary>True when this is a fragment (MF set or non-zero offset).</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>Time to Live.</summary>
    public byte Ttl => _header[TtlOffset];

    /// <summary>Protocol.</summary>
    public byte Protocol => _header[ProtocolOffset];

    /// <summary>Header Checksum field.</summary>
    public ushort HeaderChecksum => BinaryPrimitives.ReadUInt16BigEndian(_header[ChecksumOffset..]);

    /// <summary>Source address (4 bytes).</summary>
    public ReadOnlySpan<byte> Source => _header.Slice(SourceOffset, 4);

    /// <summary>Destination address (4 bytes).</summary>
    public ReadOnlySpan<byte> Destination => _header.Slice(DestinationOffset, 4);

    /// <summary>True when the header checksum verifies (RFC 791 §3.1, RFC 1071).</summary>
    public bool IsHeaderChecksumValid => InternetChecksum.Fold(InternetChecksum.Sum(_header)) == 0xFFFF;
}
