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

    public int? RoutingSegmentsLeft { get; init; }

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

        // Chain order per RFC 8200 §4.1: Hop-by-Hop, Routing, Fragment, upper layer. Byte 0 of each is patched below.
        var chain = new List<(byte Type, byte[] Bytes)>();
        if (HopByHopOptions is { } options)
        {
            if ((options.Length + 2) % 8 != 0)
            {
                throw new ArgumentException("hop-by-hop options must pad the header to a multiple of 8 bytes");
            }

            chain.Add((IpProtocol.HopByHop, [0, (byte)((options.Length + 2) / 8 - 1), .. options]));
        }

        if (RoutingSegmentsLeft is { } segmentsLeft)
        {
            // Routing type 253 (RFC 4727 experimental), no addresses: just enough to carry Segments Left.
            chain.Add((IpProtocol.Routing, [0, 0, 253, (byte)segmentsLeft, 0, 0, 0, 0]));
        }

        if (Ipv6Fragment is { } fragment)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)((fragment.Offset << 3) | (fragment.More ? 1 : 0)));
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), fragment.Id);
            chain.Add((IpProtocol.Fragment, header));
        }

        for (var i = 0; i < chain.Count; i++)
        {
            chain[i].Bytes[0] = i + 1 < chain.Count ? chain[i + 1].Type : protocol;
        }

        var extensions = chain.SelectMany(h => h.Bytes).ToArray();
        var packet = new byte[40 + extensions.Length + upper.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)((6 << 28) | (TrafficClass << 20) | (FlowLabel & 0xFFFFF)));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(LengthOverride ?? packet.Length - 40));
        packet[6] = chain.Count > 0 ? chain[0].Type : protocol;
        packet[7] = HopLimit;
        SourceBytes.CopyTo(packet, 8);
        DestinationBytes.CopyTo(packet, 24);
        extensions.CopyTo(packet, 40);
        upper.CopyTo(packet, 40 + extensions.Length);
        return packet;
    }
}
