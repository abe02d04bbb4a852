using System.Buffers.Binary;
using Nat64Harness.Packets;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>The upper-layer part of a <see cref="TestPacket"/>; its checksum is computed over the packet's addresses.</summary>
internal abstract record UpperSpec
{
    /// <summary>Replaces the computed checksum (a negative test of the checksum rule).</summary>
    public ushort? ChecksumOverride { get; init; }

    public abstract byte Protocol(int version);

    public abstract byte[] Build(TestPacket ip);

    protected byte[] WithChecksum(TestPacket ip, byte[] bytes, int offset, bool pseudoHeader)
    {
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), 0);
        var checksum = pseudoHeader
            ? InternetChecksum.ComputeWithPseudoHeader(ip.SourceBytes, ip.DestinationBytes, Protocol(ip.Version), bytes)
            : InternetChecksum.Complement(InternetChecksum.Sum(bytes));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), ChecksumOverride ?? checksum);
        return bytes;
    }
}

internal sealed record UdpSpec(ushort SourcePort, ushort DestinationPort, byte[] Data) : UpperSpec
{
    public bool ZeroChecksum { get; init; }

    public override byte Protocol(int version) => IpProtocol.Udp;

    public override byte[] Build(TestPacket ip)
    {
        var bytes = new byte[8 + Data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)bytes.Length);
        Data.CopyTo(bytes, 8);
        if (ZeroChecksum)
        {
            return bytes;
        }

        WithChecksum(ip, bytes, 6, pseudoHeader: true);
        if (ChecksumOverride is null && bytes[6] == 0 && bytes[7] == 0)
        {
            bytes[6] = bytes[7] = 0xFF; // RFC 768: a computed zero is sent as all ones
        }

        return bytes;
    }
}

internal sealed record TcpSpec(ushort SourcePort, ushort DestinationPort, uint Sequence, uint Acknowledgment, byte Flags, byte[] Data) : UpperSpec
{
    public ushort Window { get; init; } = 65535;

    public ushort UrgentPointer { get; init; }

    /// <summary>TCP options; a multiple of 4 bytes (the data offset follows).</summary>
    public byte[] Options { get; init; } = [];

    public override byte Protocol(int version) => IpProtocol.Tcp;

    public override byte[] Build(TestPacket ip)
    {
        var header = 20 + Options.Length;
        var bytes = new byte[header + Data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), Acknowledgment);
        bytes[12] = (byte)(header / 4 << 4);
        bytes[13] = Flags;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), Window);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(18), UrgentPointer);
        Options.CopyTo(bytes, 20);
        Data.CopyTo(bytes, header);
        return WithChecksum(ip, bytes, 16, pseudoHeader: true);
    }
}

/// <summary>An ICMPv4 or ICMPv6 message; the checksum includes the pseudo-header only for ICMPv6.</summary>
internal sealed record IcmpSpec(byte Type, byte Code, uint RestOfHeader, byte[] Body) : UpperSpec
{
    public static IcmpSpec Echo(byte type, ushort id, ushort sequence, byte[] data) => new(type, 0, ((uint)id << 16) | sequence, data);

    public override byte Protocol(int version) => version == 4 ? IpProtocol.Icmp : IpProtocol.IcmpV6;

    public override byte[] Build(TestPacket ip)
    {
        var bytes = new byte[8 + Body.Length];
        bytes[0] = Type;
        bytes[1] = Code;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), RestOfHeader);
        Body.CopyTo(bytes, 8);
        return WithChecksum(ip, bytes, 2, pseudoHeader: ip.Version == 6);
    }
}

/// <summary>Upper-layer bytes used as they are (fragments, unknown protocols).</summary>
internal sealed record RawSpec(byte ProtocolNumber, byte[] Bytes) : UpperSpec
{
    public override byte Protocol(int version) => ProtocolNumber;

    public override byte[] Build(TestPacket ip) => (byte[])Bytes.Clone();
}
