using System.Buffers.Binary;
using System.Globalization;

namespace Nat64Harness.Capture;

/// <summary>
/// Classic libpcap files, either byte order, micro- or nanosecond timestamps.
/// </summary>
/// <remarks>
/// <code>
/// File header (24 bytes)                 Record header (16 bytes)
/// 0  magic_number  a1b2c3d4 / a1b23c4d   0  ts_sec
/// 4  version_major | version_minor       4  ts_usec (or ts_nsec)
/// 8  thiszone                            8  incl_len  (bytes stored)
/// 12 sigfigs                             12 orig_len  (bytes on the wire)
/// 16 snaplen
/// 20 network (LINKTYPE_ in the low 16 bits)
/// </code>
/// </remarks>
internal sealed class ClassicPcapParser : CaptureParser
{
    public const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int SnapLenOffset = 16;
    private const int NetworkOffset = 20;

    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private readonly int _linkType;
    private readonly int _maxFrameLength;

    public ClassicPcapParser(StreamCursor cursor, ReadOnlySpan<byte> magic, bool bigEndian, bool nanoseconds)
        : base(cursor)
    {
        _bigEndian = bigEndian;
        _nanoseconds = nanoseconds;
        Span<byte> header = stackalloc byte[FileHeaderLength];
        magic.CopyTo(header);
        var read = 4 + Cursor.Fill(header[4..]);
        if (read < FileHeaderLength)
        {
            throw Fault(-1, 0, "file_header", $"truncated file header: {read} of {FileHeaderLength} bytes", header[..read], 0);
        }

        var snapLen = ReadUInt32(header[SnapLenOffset..]);
        _maxFrameLength = (int)Math.Clamp(snapLen, DefaultMaxFrameLength, AbsoluteMaxLength);
        _linkType = (int)(ReadUInt32(header[NetworkOffset..]) & 0xFFFF);
        if (!LinkTypes.IsSupported(_linkType))
        {
            throw Fault(-1, NetworkOffset, "network", $"unsupported link type {_linkType}", header, 0);
        }
    }

    public override CaptureFileFormat Format => _nanoseconds ? CaptureFileFormat.PcapNanoseconds : CaptureFileFormat.PcapMicroseconds;

    public override bool TryReadNext(FrameRecord frame, long packetIndex)
    {
        var recordOffset = Cursor.Offset;
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        var read = Cursor.Fill(header);
        if (read == 0)
        {
            return false;
        }

        if (read < RecordHeaderLength)
        {
            throw Fault(packetIndex, recordOffset, "record_header", $"truncated record header: {read} of {RecordHeaderLength} bytes", header[..read], recordOffset);
        }

        var seconds = ReadUInt32(header);
        var fraction = ReadUInt32(header[4..]);
        var included = ReadUInt32(header[8..]);
        var original = ReadUInt32(header[12..]);
        if (included > _maxFrameLength)
        {
            throw Fault(packetIndex, recordOffset + 8, "incl_len", string.Create(CultureInfo.InvariantCulture, $"captured length {included} exceeds the maximum of {_maxFrameLength} bytes; the record is corrupt"), header, recordOffset);
        }

        var data = frame.EnsureBuffer((int)included);
        read = Cursor.Fill(data);
        if (read < included)
        {
            throw Fault(packetIndex, recordOffset + RecordHeaderLength, "packet_data", string.Create(CultureInfo.InvariantCulture, $"truncated record: {read} of {included} bytes present"), data[..read], recordOffset + RecordHeaderLength);
        }

        var fractionTicks = _nanoseconds ? (Int128)fraction / 100 : (Int128)fraction * 10;
        frame.Timestamp = FromUnixTicks((Int128)seconds * TimeSpan.TicksPerSecond + fractionTicks);
        frame.DataOffset = 0;
        frame.CapturedLength = (int)included;
        frame.OriginalLength = (int)Math.Min(original, int.MaxValue);
        frame.LinkType = _linkType;
        frame.RecordOffset = recordOffset;
        return true;
    }

    private uint ReadUInt32(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
