using System.Buffers.Binary;

namespace Nat64Harness.Capture;

/// <summary>
/// Writes classic pcap (little-endian, microsecond timestamps) that Wireshark and <c>tcpdump -r</c> open.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const int SnapLength = 262_144;
    private static readonly byte[] ZeroMacs = new byte[12];

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _recordHeader = new byte[16];

    /// <summary>Writes the file header for <paramref name="linkType"/> (<see cref="LinkTypes.Raw"/>, <see cref="LinkTypes.Ethernet"/>, or Linux cooked v2 from a live capture).</summary>
    public PcapWriter(Stream stream, int linkType = LinkTypes.Raw, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (linkType is not (LinkTypes.Raw or LinkTypes.Ethernet or LinkTypes.Ipv4 or LinkTypes.Ipv6 or LinkTypes.LinuxSll2))
        {
            throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "PcapWriter writes raw IP (101, 228, 229), Ethernet (1) or Linux cooked v2 (276).");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        LinkType = linkType;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _stream.Write(header);
    }

    /// <summary>The link type written in the file header.</summary>
    public int LinkType { get; }

    /// <summary>Creates (or overwrites) a pcap file.</summary>
    public static PcapWriter Create(string path, int linkType = LinkTypes.Raw) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), linkType);

    /// <summary>Writes one frame, already in this file's link type, uncut.</summary>
    public void Write(DateTimeOffset timestamp, ReadOnlySpan<byte> frame) => Write(timestamp, frame, frame.Length);

    /// <summary>Writes one frame; <paramref name="originalLength"/> larger than the frame records a snap-length cut.</summary>
    public void Write(DateTimeOffset timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        var sinceEpoch = timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader, (uint)(sinceEpoch / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(4), (uint)(sinceEpoch % TimeSpan.TicksPerSecond / 10));
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(8), (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_recordHeader.AsSpan(12), (uint)originalLength);
        _stream.Write(_recordHeader);
        _stream.Write(frame);
    }

    /// <summary>Writes an IP packet, adding an Ethernet header (zero MACs) when the file is Ethernet.</summary>
    public void WriteIp(DateTimeOffset timestamp, ReadOnlySpan<byte> ip)
    {
        if (LinkType != LinkTypes.Ethernet)
        {
            Write(timestamp, ip);
            return;
        }

        var frame = new byte[14 + ip.Length];
        ZeroMacs.CopyTo(frame, 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), ip.Length > 0 && ip[0] >> 4 == 6 ? (ushort)0x86DD : (ushort)0x0800);
        ip.CopyTo(frame.AsSpan(14));
        Write(timestamp, frame);
    }

    /// <inheritdoc />
    /// <remarks>A failed flush (a full disk) is thrown, and the file is closed all the same.</remarks>
    public void Dispose()
    {
        try
        {
            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }
}
