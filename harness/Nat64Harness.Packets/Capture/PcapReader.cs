namespace Nat64Harness.Capture;

/// <summary>
/// Streams IP packets out of a classic pcap or pcapng file, one record at a time; the file is never held in memory.
/// </summary>
/// <remarks>
/// Every <see cref="CapturedPacket.Ip"/> is a copy of its own, never written again, so packets may be kept (the
/// pairer keeps them for a time window) after the enumeration moves on; copies share 32 KiB blocks (one allocation per
/// few hundred packets), so a packet kept for long keeps its block alive. Frames without IP (ARP, LLDP, ...) and frames too short for
/// their link header are skipped and counted. Frames cut by the snap length are returned with
/// <see cref="CapturedPacket.IsTruncated"/> set and counted in <see cref="TruncatedPackets"/>.
/// Malformed files raise <see cref="PcapFormatException"/>; lengths are bounded before anything is allocated.
/// </remarks>
public sealed class PcapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CaptureParser _parser;
    private bool _enumerated;

    /// <summary>Reads a capture from <paramref name="stream"/>; <paramref name="displayName"/> appears in errors.</summary>
    /// <exception cref="PcapFormatException">The stream does not start with a valid pcap or pcapng header.</exception>
    public PcapReader(Stream stream, string displayName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Name = displayName;
        _parser = CreateParser(new StreamCursor(stream, displayName));
    }

    /// <summary>Display name used in errors (the path for <see cref="Open"/>).</summary>
    public string Name { get; }

    /// <summary>The file's container format.</summary>
    public CaptureFileFormat Format => _parser.Format;

    /// <summary>Frames read so far, IP or not.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Frames skipped because they carry no IP packet (or are shorter than their link header).</summary>
    public long NonIpFrames { get; private set; }

    /// <summary>IP packets returned cut by the snap length.</summary>
    public long TruncatedPackets { get; private set; }

    /// <summary>Opens a capture file for streaming.</summary>
    /// <exception cref="PcapFormatException">The file is not a valid pcap or pcapng file.</exception>
    public static PcapReader Open(string path)
    {
        // Unbuffered: the reader's cursor buffers (see StreamCursor).
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        try
        {
            return new PcapReader(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Streams the IP packets; may be enumerated once.</summary>
    /// <exception cref="PcapFormatException">A record is malformed; the exception says where.</exception>
    public IEnumerable<CapturedPacket> ReadPackets()
    {
        if (_enumerated)
        {
            throw new InvalidOperationException($"{Name}: ReadPackets streams the file and can be enumerated only once.");
        }

        _enumerated = true;
        return Enumerate();
    }

    /// <summary>
    /// Streams every frame, IP or not, with its link header (an underlay audit judges MACs and non-IP frames);
    /// may be enumerated once, and not together with <see cref="ReadPackets"/>.
    /// </summary>
    /// <exception cref="PcapFormatException">A record is malformed; the exception says where.</exception>
    public IEnumerable<CapturedFrame> ReadFrames()
    {
        if (_enumerated)
        {
            throw new InvalidOperationException($"{Name}: the file streams and can be enumerated only once.");
        }

        _enumerated = true;
        return EnumerateFrames();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private IEnumerable<CapturedPacket> Enumerate()
    {
        var frame = new FrameRecord();
        var arena = new PacketArena();
        while (_parser.TryReadNext(frame, FramesRead))
        {
            var index = FramesRead++;
            if (!LinkLayer.TryLocateIp(frame.LinkType, frame.Data, out var offset, out var length))
            {
                NonIpFrames++;
                continue;
            }

            var truncated = frame.CapturedLength < frame.OriginalLength;
            if (truncated)
            {
                TruncatedPackets++;
            }

            var ip = arena.Copy(frame.Data.Slice(offset, length));
            yield return new CapturedPacket(index, frame.Timestamp, ip, frame.OriginalLength, frame.LinkType) { IsTruncated = truncated };
        }
    }

    private IEnumerable<CapturedFrame> EnumerateFrames()
    {
        var frame = new FrameRecord();
        while (_parser.TryReadNext(frame, FramesRead))
        {
            var index = FramesRead++;
            if (!LinkLayer.TryLocateIp(frame.LinkType, frame.Data, out _, out _))
            {
                NonIpFrames++;
            }

            yield return new CapturedFrame(index, frame.Timestamp, frame.LinkType, frame.Data.ToArray(), frame.OriginalLength);
        }
    }

    private static CaptureParser CreateParser(StreamCursor cursor)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = cursor.Fill(magic);
        if (read == 0)
        {
            throw new PcapFormatException(cursor.Name, -1, 0, "magic", "empty file: no pcap or pcapng header", [], 0);
        }

        if (read < 4)
        {
            throw new PcapFormatException(cursor.Name, -1, 0, "magic", $"truncated file header: {read} of 4 magic bytes", magic[..read], 0);
        }

        return (magic[0], magic[1], magic[2], magic[3]) switch
        {
            (0xd4, 0xc3, 0xb2, 0xa1) => new ClassicPcapParser(cursor, magic, bigEndian: false, nanoseconds: false),
            (0xa1, 0xb2, 0xc3, 0xd4) => new ClassicPcapParser(cursor, magic, bigEndian: true, nanoseconds: false),
            (0x4d, 0x3c, 0xb2, 0xa1) => new ClassicPcapParser(cursor, magic, bigEndian: false, nanoseconds: true),
            (0xa1, 0xb2, 0x3c, 0x4d) => new ClassicPcapParser(cursor, magic, bigEndian: true, nanoseconds: true),
            (0x0a, 0x0d, 0x0d, 0x0a) => new PcapNgParser(cursor, magic),
            _ => throw UnknownMagic(cursor, magic),
        };
    }

    private static PcapFormatException UnknownMagic(StreamCursor cursor, ReadOnlySpan<byte> magic)
    {
        Span<byte> context = stackalloc byte[32];
        magic.CopyTo(context);
        var more = cursor.Fill(context[4..]);
        var hex = Convert.ToHexString(magic);
        return new PcapFormatException(cursor.Name, -1, 0, "magic", $"unknown magic 0x{hex}: not a pcap (A1B2C3D4/A1B23C4D either order) or pcapng (0A0D0D0A) file", context[..(4 + more)], 0);
    }
}
