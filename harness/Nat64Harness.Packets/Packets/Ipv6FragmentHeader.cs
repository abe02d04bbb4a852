using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// A view over the IPv6 Fragment header (RFC 8200 §4.5).
/// </summary>
/// <remarks>
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Identification                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct Ipv6FragmentHeader
{
    /// <summary>The fragment header is always 8 bytes.</summary>
    public const int Length = 8;

    private readonly ReadOnlySpan<byte> _header;

    private Ipv6FragmentHeader(ReadOnlySpan<byte> header) => _header = header;

    /// <summary>Parses a fragment header at the start of <paramref name="bytes"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Ipv6FragmentHeader header)
    {
        header = default;
        if (bytes.Length < Length)
        {
            return false;
        }

        header = new Ipv6FragmentHeader(bytes[..Length]);
        return true;
    }

    /// <summary>Next Header after the fragment header.</summary>
    public byte NextHeader => _header[0];

    /// <summary>Fragment Offset in 8-octet units.</summary>
    public int FragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(_header[2..]) >> 3;

    /// <summary>M flag (more fragments).</summary>
    public bool MoreFragments => (_header[3] & 1) != 0;

    /// <summary>Identification (32 bits).</summary>
    public uint Identification => BinaryPrimitives.ReadUInt32BigEndian(_header[4..]);
}
