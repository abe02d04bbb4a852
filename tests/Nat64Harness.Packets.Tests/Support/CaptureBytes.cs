using System.Buffers.Binary;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>Builds capture files byte by byte, so tests control every field (byte order, magic, lengths).</summary>
internal sealed class CaptureBytes
{
    private readonly MemoryStream _bytes = new();
    private bool _bigEndian;

    public static CaptureBytes Classic(int linkType, bool bigEndian = false, bool nanoseconds = false, uint snapLength = 65535)
    {
        var file = new CaptureBytes { _bigEndian = bigEndian };
        file.U32(nanoseconds ? 0xa1b23c4du : 0xa1b2c3d4u).U16(2).U16(4).U32(0).U32(0).U32(snapLength).U32((uint)linkType);
        return file;
    }

    public static CaptureBytes PcapNg(bool bigEndian = false)
    {
        var file = new CaptureBytes { _bigEndian = bigEndian };
        return file.Section(bigEndian);
    }

    public CaptureBytes Record(uint seconds, uint fraction, byte[] data, uint? originalLength = null, uint? includedLength = null) =>
        U32(seconds).U32(fraction).U32(includedLength ?? (uint)data.Length).U32(originalLength ?? (uint)data.Length).Raw(data);

    public CaptureBytes Section(bool bigEndian)
    {
        _bigEndian = bigEndian;
        return Block(0x0A0D0D0A, Body(b => b.U32(0x1A2B3C4D).U16(1).U16(0).U32(0xFFFFFFFF).U32(0xFFFFFFFF)));
    }

    public CaptureBytes Interface(int linkType, uint snapLength = 0, byte? tsResolution = null) =>
        Block(1, Body(b =>
        {
            b.U16((ushort)linkType).U16(0).U32(snapLength);
            if (tsResolution is { } resolution)
            {
                b.U16(9).U16(1).Raw([resolution, 0, 0, 0]).U16(0).U16(0);
            }
        }));

    public CaptureBytes Enhanced(uint interfaceId, ulong timestamp, byte[] data, uint? originalLength = null) =>
        Block(6, Body(b => b.U32(interfaceId).U32((uint)(timestamp >> 32)).U32((uint)timestamp)
            .U32((uint)data.Length).U32(originalLength ?? (uint)data.Length).Raw(data).Pad()));

    public CaptureBytes Simple(byte[] data) => Block(3, Body(b => b.U32((uint)data.Length).Raw(data).Pad()));

    public CaptureBytes Block(uint type, byte[] body, uint? declaredLength = null, uint? trailerLength = null)
    {
        var length = (uint)(12 + body.Length);
        return U32(type).U32(declaredLength ?? length).Raw(body).U32(trailerLength ?? declaredLength ?? length);
    }

    public CaptureBytes Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public CaptureBytes U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        }

        return Raw(b);
    }

    public CaptureBytes U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }

        return Raw(b);
    }

    public byte[] ToArray() => _bytes.ToArray();

    private CaptureBytes Pad()
    {
        while (_bytes.Length % 4 != 0)
        {
            _bytes.WriteByte(0);
        }

        return this;
    }

    private byte[] Body(Action<CaptureBytes> write)
    {
        var body = new CaptureBytes { _bigEndian = _bigEndian };
        write(body);
        return body.ToArray();
    }
}
