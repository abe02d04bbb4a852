using System.Buffers.Binary;
using System.Globalization;

namespace Nat64Harness.Capture;

/// <summary>
/// pcapng: Section Header, Interface Description, Enhanced Packet, Simple Packet and (obsolete) Packet blocks;
/// every other block is skipped. Several sections and interfaces with different link types are handled.
/// </summary>
/// <remarks>
/// <code>
/// Every block:                      Enhanced Packet Block body:
/// 0 Block Type                      0  Interface ID
/// 4 Block Total Length              4  Timestamp (High)
/// 8 Block Body ...                  8  Timestamp (Low)
///   Block Total Length (repeated)   12 Captured Packet Length
///                                   16 Original Packet Length
/// SHB body: 0 Byte-Order Magic      20 Packet Data (padded to 32 bits), options
///   1A2B3C4D, 4 major, 6 minor,
///   8 Section Length (64 bits)      IDB body: 0 LinkType(16) 2 reserved 4 SnapLen, options
/// </code>
/// </remarks>
internal sealed class PcapNgParser : CaptureParser
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int MinBlockLength = 12;
    private const ushort OptionTsResol = 9;
    private const ushort OptionTsOffset = 14;

    private readonly List<PcapNgInterface> _interfaces = [];
    private bool _bigEndian;

    public PcapNgParser(StreamCursor cursor, ReadOnlySpan<byte> magic)
        : base(cursor)
    {
        Span<byte> head = stackalloc byte[8];
        magic.CopyTo(head);
        var read = 4 + Cursor.Fill(head[4..]);
        if (read < 8)
        {
            throw Fault(-1, 0, "block_total_length", "truncated section header block", head[..read], 0);
        }

        ReadBlock(head, 0, -1, new FrameRecord());
    }

    public override CaptureFileFormat Format => CaptureFileFormat.PcapNg;

    public override bool TryReadNext(FrameRecord frame, long packetIndex)
    {
        Span<byte> head = stackalloc byte[8];
        while (true)
        {
            var blockOffset = Cursor.Offset;
            var read = Cursor.Fill(head);
            if (read == 0)
            {
                return false;
            }

            if (read < 8)
            {
                throw Fault(packetIndex, blockOffset, "block_header", $"truncated block header: {read} of 8 bytes", head[..read], blockOffset);
            }

            if (ReadBlock(head, blockOffset, packetIndex, frame))
            {
                return true;
            }
        }
    }

    /// <summary>Reads the rest of a block whose first 8 bytes are in <paramref name="head"/>; true when it held a frame.</summary>
    private bool ReadBlock(ReadOnlySpan<byte> head, long blockOffset, long packetIndex, FrameRecord frame)
    {
        var type = U32(head);
        if (type == SectionHeaderType)
        {
            return ReadSectionHeader(head, blockOffset, packetIndex, frame);
        }

        var body = ReadBody(head, blockOffset, packetIndex, frame, U32(head[4..]));
        switch (type)
        {
            case InterfaceDescriptionType:
                _interfaces.Add(ParseInterface(body, blockOffset, packetIndex));
                return false;
            case EnhancedPacketType:
                return ReadPacket(frame, body, blockOffset, packetIndex, (int)U32(body), 4, 12);
            case ObsoletePacketType:
                return ReadPacket(frame, body, blockOffset, packetIndex, U16(body), 4, 12);
            case SimplePacketType:
                return ReadSimplePacket(frame, body, blockOffset, packetIndex);
            default:
                return false;
        }
    }

    private bool ReadSectionHeader(ReadOnlySpan<byte> head, long blockOffset, long packetIndex, FrameRecord frame)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = Cursor.Fill(magic);
        if (read < 4)
        {
            throw Fault(packetIndex, blockOffset + 8, "byte_order_magic", "truncated section header block", magic[..read], blockOffset + 8);
        }

        _bigEndian = BinaryPrimitives.ReadUInt32BigEndian(magic) == ByteOrderMagic;
        if (!_bigEndian && BinaryPrimitives.ReadUInt32LittleEndian(magic) != ByteOrderMagic)
        {
            throw Fault(packetIndex, blockOffset + 8, "byte_order_magic", "byte-order magic is neither 1A2B3C4D nor 4D3C2B1A", magic, blockOffset + 8);
        }

        _interfaces.Clear();
        var length = U32(head[4..]);
        if (length < MinBlockLength + 16)
        {
            throw Fault(packetIndex, blockOffset + 4, "block_total_length", $"section header block length {length} is too small", head, blockOffset);
        }

        // The 4 bytes of byte-order magic are already consumed: read the rest as if the body began after them.
        ReadBody(head, blockOffset, packetIndex, frame, length - 4);
        return false;
    }

    private ReadOnlySpan<byte> ReadBody(ReadOnlySpan<byte> head, long blockOffset, long packetIndex, FrameRecord frame, uint length)
    {
        if (length < MinBlockLength || length % 4 != 0 || length > AbsoluteMaxLength)
        {
            throw Fault(packetIndex, blockOffset + 4, "block_total_length", string.Create(CultureInfo.InvariantCulture, $"block length {length} is not a multiple of 4 between {MinBlockLength} and {AbsoluteMaxLength}; the block is corrupt"), head, blockOffset);
        }

        var rest = frame.EnsureBuffer((int)length - 8);
        var read = Cursor.Fill(rest);
        if (read < rest.Length)
        {
            throw Fault(packetIndex, blockOffset + 8, "block_body", $"truncated block: {read} of {rest.Length} body bytes present", rest[..read], blockOffset + 8);
        }

        var trailer = U32(rest[^4..]);
        if (trailer != length && !(U32(head) == SectionHeaderType && trailer == length + 4))
        {
            throw Fault(packetIndex, Cursor.Offset - 4, "block_total_length", $"trailing length {trailer} differs from leading length {length}", rest[Math.Max(0, rest.Length - 64)..], Cursor.Offset - Math.Min(64, rest.Length));
        }

        return rest[..^4];
    }

    private PcapNgInterface ParseInterface(ReadOnlySpan<byte> body, long blockOffset, long packetIndex)
    {
        if (body.Length < 8)
        {
            throw Fault(packetIndex, blockOffset + 8, "interface_description", "interface description block body shorter than 8 bytes", body, blockOffset + 8);
        }

        var resolution = PcapNgInterface.DefaultResolution;
        long offsetSeconds = 0;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = U16(options);
            var length = U16(options[2..]);
            if (code == 0 || options.Length < 4 + length)
            {
                break;
            }

            var value = options.Slice(4, length);
            if (code == OptionTsResol && length >= 1)
            {
                resolution = value[0];
            }
            else if (code == OptionTsOffset && length >= 8)
            {
                offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return new PcapNgInterface(U16(body), U32(body[4..]), resolution, offsetSeconds);
    }

    private bool ReadPacket(FrameRecord frame, ReadOnlySpan<byte> body, long blockOffset, long packetIndex, int interfaceId, int timestampOffset, int lengthsOffset)
    {
        const int dataOffset = 20;
        if (body.Length < dataOffset)
        {
            throw Fault(packetIndex, blockOffset + 8, "packet_block", "packet block body shorter than its fixed fields", body, blockOffset + 8);
        }

        var captured = U32(body[lengthsOffset..]);
        if (captured > body.Length - dataOffset)
        {
            throw Fault(packetIndex, blockOffset + 8 + lengthsOffset, "captured_packet_length", string.Create(CultureInfo.InvariantCulture, $"captured length {captured} exceeds the {body.Length - dataOffset} bytes the block holds"), body[..dataOffset], blockOffset + 8);
        }

        var iface = InterfaceFor(interfaceId, body, blockOffset, packetIndex);
        var units = ((ulong)U32(body[timestampOffset..]) << 32) | U32(body[(timestampOffset + 4)..]);
        frame.Timestamp = FromUnixTicks(iface.ToUnixTicks(units));
        frame.DataOffset = dataOffset;
        frame.CapturedLength = (int)captured;
        frame.OriginalLength = (int)Math.Min(U32(body[(lengthsOffset + 4)..]), int.MaxValue);
        frame.LinkType = iface.LinkType;
        frame.RecordOffset = blockOffset;
        return true;
    }

    private bool ReadSimplePacket(FrameRecord frame, ReadOnlySpan<byte> body, long blockOffset, long packetIndex)
    {
        if (body.Length < 4)
        {
            throw Fault(packetIndex, blockOffset + 8, "simple_packet_block", "simple packet block body shorter than 4 bytes", body, blockOffset + 8);
        }

        var iface = InterfaceFor(0, body, blockOffset, packetIndex);
        var original = U32(body);
        var captured = Math.Min(original, (uint)(body.Length - 4));
        if (iface.SnapLength > 0)
        {
            captured = Math.Min(captured, iface.SnapLength);
        }

        frame.Timestamp = DateTimeOffset.UnixEpoch;
        frame.DataOffset = 4;
        frame.CapturedLength = (int)captured;
        frame.OriginalLength = (int)Math.Min(original, int.MaxValue);
        frame.LinkType = iface.LinkType;
        frame.RecordOffset = blockOffset;
        return true;
    }

    private PcapNgInterface InterfaceFor(int interfaceId, ReadOnlySpan<byte> body, long blockOffset, long packetIndex)
    {
        if (interfaceId < 0 || interfaceId >= _interfaces.Count)
        {
            throw Fault(packetIndex, blockOffset + 8, "interface_id", $"interface {interfaceId} has no interface description block ({_interfaces.Count} defined)", body[..Math.Min(body.Length, 32)], blockOffset + 8);
        }

        var iface = _interfaces[interfaceId];
        if (!LinkTypes.IsSupported(iface.LinkType))
        {
            throw Fault(packetIndex, blockOffset + 8, "linktype", $"interface {interfaceId} has unsupported link type {iface.LinkType}", body[..Math.Min(body.Length, 32)], blockOffset + 8);
        }

        return iface;
    }

    private uint U32(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private ushort U16(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
