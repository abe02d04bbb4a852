using System.Buffers.Binary;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>Minimal IP packets for capture-format tests, where only framing matters, not checksums.</summary>
internal static class SamplePackets
{
    public static byte[] Ipv4(int payloadLength = 8, byte fill = 0xab)
    {
        var packet = new byte[20 + payloadLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 17;
        packet.AsSpan(12, 4).Fill(0x64);
        packet.AsSpan(16, 4).Fill(0x65);
        packet.AsSpan(20).Fill(fill);
        return packet;
    }

    public static byte[] Ipv6(int payloadLength = 8, byte fill = 0xcd)
    {
        var packet = new byte[40 + payloadLength];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payloadLength);
        packet[6] = 17;
        packet[7] = 64;
        packet[8] = 0x20;
        packet[24] = 0x20;
        packet.AsSpan(40).Fill(fill);
        return packet;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Ethernet(ushort etherType, byte[] payload) =>
        Concat(new byte[12], BigEndian16(etherType), payload);

    public static byte[] BigEndian16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }
}
