using System.Buffers.Binary;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>
/// <c>struct virtio_net_hdr</c> (linux/virtio_net.h, 10 bytes): on a TUN opened with IFF_VNET_HDR it comes before
/// every packet, both ways. It carries what segmentation and checksum offload need: whether the transport checksum
/// is still to be completed, and how a TCP super-segment splits into MSS-sized segments. Legacy virtio byte order,
/// which for a TUN is the host's: little-endian on x86-64 and arm64.
/// </summary>
/// <param name="Flags"><see cref="NeedsChecksum"/>, <see cref="DataValid"/>.</param>
/// <param name="GsoType"><see cref="GsoNone"/>, <see cref="GsoTcpV4"/> or <see cref="GsoTcpV6"/>.</param>
/// <param name="HeaderLength">IP plus TCP header bytes of a super-segment (each segment repeats them).</param>
/// <param name="GsoSize">Payload bytes per segment of a super-segment (the MSS).</param>
/// <param name="ChecksumStart">With <see cref="NeedsChecksum"/>: where the checksummed bytes start.</param>
/// <param name="ChecksumOffset">With <see cref="NeedsChecksum"/>: where, after the start, the checksum goes.</param>
public readonly record struct VirtioNetHeader(byte Flags, byte GsoType, ushort HeaderLength, ushort GsoSize, ushort ChecksumStart, ushort ChecksumOffset)
{
    /// <summary>Size of the header on the wire of the TUN file descriptor.</summary>
    public const int Length = 10;

    /// <summary>The transport checksum field holds only the pseudo-header sum; whoever delivers the packet completes it.</summary>
    public const byte NeedsChecksum = 1;

    /// <summary>The checksums were verified already.</summary>
    public const byte DataValid = 2;

    /// <summary>Not a super-segment.</summary>
    public const byte GsoNone = 0;

    /// <summary>An IPv4 TCP super-segment.</summary>
    public const byte GsoTcpV4 = 1;

    /// <summary>An IPv6 TCP super-segment.</summary>
    public const byte GsoTcpV6 = 4;

    /// <summary>The header of a plain packet whose checksums are all complete.</summary>
    public static VirtioNetHeader Plain => default;

    /// <summary>
    /// Whether the sender (the kernel, for packets an app wrote) left the transport checksum for later or verified it:
    /// either way it must not be checked against the bytes, which carry only a partial sum.
    /// </summary>
    public bool ChecksumTrusted => (Flags & (NeedsChecksum | DataValid)) != 0;

    /// <summary>The header of a TCP super-segment with a complete checksum, to be split at <paramref name="segmentSize"/> payload bytes.</summary>
    public static VirtioNetHeader TcpSegments(byte ipVersion, int headerLength, int segmentSize) =>
        new(0, ipVersion == 6 ? GsoTcpV6 : GsoTcpV4, (ushort)headerLength, (ushort)segmentSize, 0, 0);

    /// <summary>Reads the header at the start of <paramref name="source"/> (at least <see cref="Length"/> bytes).</summary>
    public static VirtioNetHeader Read(ReadOnlySpan<byte> source) => new(
        source[0],
        source[1],
        BinaryPrimitives.ReadUInt16LittleEndian(source[2..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[8..]));

    /// <summary>Writes the header into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Flags;
        destination[1] = GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], ChecksumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], ChecksumOffset);
    }
}
