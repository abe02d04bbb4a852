using System.Buffers.Binary;
using System.Net;
using Nat64Harness.Packets;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// A packet described field by field; <c>with</c> changes exactly one field and <see cref="Build"/> recomputes
/// lengths and checksums, so a negative test breaks only the field it names.
/// </summary>
internal sealed record TestPacket
{
    public required string Source { get; init; }

    public required string Destination { get; init; }

    public required UpperSpec Upper { get; init; }

    public int Version => IPAddress.Parse(Source).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6;

    public byte TrafficClass { get; init; }

    public byte HopLimit { get; init; } = 64;

    public ushort Identification { get; init; }

    public bool DontFragment { get; init; }

    public bool MoreFragments { get; init; }

    public int FragmentOffset { get; init; }

    public byte[] Ipv4Options { get; init; } = [];

    public int FlowLabel { get; init; }

    public byte[]? HopByHopOptions { get; init; }

    public (uint Id, int Offset, bool More)? Ipv6Fragment { get; init; }

    public byte? ProtocolOverride { get; init; }

    public int? LengthOverride { get; init; }

    public ushort? HeaderChecksumOverride { get; init; }

    public byte[] SourceBytes => IPAddress.Parse(Source).GetAddressBytes();

    public byte[] DestinationBytes => IPAddress.Parse(Destination).GetAddressBytes();

    public byte[] UpperBytes() => Upper.Build(this);

    public byte[] Build() => Version == 4 ? BuildIpv4() : BuildIpv6();

    private byte[] BuildIpv4()
    {
        var upper = UpperBytes();
        var headerLength = 20 + Ipv4Options.Length;
        var packet = new byte[headerLength + upper.Length];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        packet[1] = TrafficClass;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(LengthOverride ?? packet.Length));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), Identification);
        var flags = (DontFragment ? 0x4000 : 0) | (MoreFragments ? 0x2000 : 0) | (FragmentOffset & 0x1FFF);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)flags);
        packet[8] = HopLimit;
        packet[9] = ProtocolOverride ?? Upper.Protocol(4);
        SourceBytes.CopyTo(packet, 12);
        DestinationBytes.CopyTo(packet, 16);
        Ipv4Options.CopyTo(packet, 20);
        var checksum = HeaderChecksumOverride ?? InternetChecksum.Complement(InternetChecksum.Sum(packet.AsSpan(0, headerLength)));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), checksum);
        upper.CopyTo(packet, headerLength);
        return packet;
    }

    private byte[] BuildIpv6()
    {
        var upper = UpperBytes();
        var protocol = ProtocolOverride ?? Upper.Protocol(6);
        var extensions = new List<byte>();
        var firstNext = protocol;
        if (Ipv6Fragment is { } fragment)
        {
            var header = new byte[8];
            header[0] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)((fragment.Offset << 3) | (fragment.More ? 1 : 0)));
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), fragment.Id);
            extensions.AddRange(header);
            firstNext = IpProtocol.Fragment;
        }

        if (HopByHopOptions is { } options)
        {
            // Hop-by-Hop must come first: next header, length in 8-octet units beyond the first, then options.
            if ((options.Length + 2) % 8 != 0)
            {
                throw new ArgumentException("hop-by-hop options must pad the header to a multiple of 8 bytes");
            }

            var header = new byte[2 + options.Length];
            header[0] = firstNext;
            header[1] = (byte)(header.Length / 8 - 1);
            options.CopyTo(header, 2);
            extensions.InsertRange(0, header);
            firstNext = IpProtocol.HopByHop;
        }

        var packet = new byte[40 + extensions.Count + upper.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)((6 << 28) | (TrafficClass << 20) | (FlowLabel & 0xFFFFF)));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(LengthOverride ?? packet.Length - 40));
        packet[6] = firstNext;
        packet[7] = HopLimit;
        SourceBytes.CopyTo(packet, 8);
        DestinationBytes.CopyTo(packet, 24);
        extensions.ToArray().CopyTo(packet, 40);
        upper.CopyTo(packet, 40 + extensions.Count);
        return packet;
    }
}
