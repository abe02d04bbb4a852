using System.Buffers.Binary;
using Nat64Harness.Packets;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// RFC 4884 multi-part ICMP errors and their correct translations, written out from RFC 7915 §4.2 / §5.2 and
/// RFC 4884 §4: the length attribute counts 32-bit words (ICMPv4) or 64-bit words (ICMPv6) of the original datagram
/// field, which is zero-padded to that unit and to at least 128 octets; the extension structure follows, unchanged.
/// </summary>
internal static class ExtensionPairs
{
    /// <summary>An extension structure (RFC 4884 §7): version 2, checksum over the structure, one Interface Information object (RFC 5837 class 2).</summary>
    public static readonly byte[] Extension = BuildExtension([0x0a, 0x0b, 0x0c, 0x0d, 0x00, 0x00, 0x05, 0xdc, 0x65, 0x74, 0x68, 0x30]);

    /// <summary>ICMPv6 Port Unreachable (1/4) with an extension, about the server's packet to the client → ICMPv4 3/3 to the server.</summary>
    public static (TestPacket Before, TestPacket After) Error6To4(byte[]? extension6 = null, byte[]? extension4 = null, int? length4 = null, byte padding4 = 0)
    {
        var inner6 = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 60, Upper = new UdpSpec(7, 40000, Data) }.Build();
        var inner4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 60, Upper = new UdpSpec(7, 40000, Data) }.Build();
        var field6 = Pad(inner6, 8);
        var field4 = Pad(inner4, 4, padding4);
        return (
            new TestPacket { Source = Router6, Destination = Server6, Upper = new IcmpSpec(1, 4, (uint)(field6.Length / 8) << 24, [.. field6, .. extension6 ?? Extension]) },
            new TestPacket { Source = Nat64Ipv4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(3, 3, (uint)(length4 ?? field4.Length / 4) << 16, [.. field4, .. extension4 ?? Extension]) });
    }

    /// <summary>ICMPv4 Port Unreachable (3/3) with an extension, from the server about the client's packet → ICMPv6 1/4 to the client.</summary>
    public static (TestPacket Before, TestPacket After) Error4To6(byte[]? extension6 = null, int? length6 = null)
    {
        var inner4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new UdpSpec(40000, 9, Data) }.Build();
        var inner6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 63, Upper = new UdpSpec(40000, 9, Data) }.Build();
        var field4 = Pad(inner4, 4);
        var field6 = Pad(inner6, 8);
        var body6 = extension6 is { Length: 0 } ? inner6 : [.. field6, .. extension6 ?? Extension];
        return (
            new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(3, 3, (uint)(field4.Length / 4) << 16, [.. field4, .. Extension]) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(1, 4, (uint)(length6 ?? (extension6 is { Length: 0 } ? 0 : field6.Length / 8)) << 24, body6) });
    }

    /// <summary>The original datagram field: the packet, zero-padded to <paramref name="unit"/> and to at least 128 octets.</summary>
    public static byte[] Pad(byte[] packet, int unit, byte fill = 0)
    {
        var length = Math.Max(128, (packet.Length + unit - 1) / unit * unit);
        var field = new byte[length];
        field.AsSpan(packet.Length).Fill(fill);
        packet.CopyTo(field, 0);
        return field;
    }

    private static byte[] BuildExtension(byte[] payload)
    {
        var bytes = new byte[4 + 4 + payload.Length];
        bytes[0] = 2 << 4;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(4 + payload.Length));
        bytes[6] = 2; // class 2: Interface Information
        bytes[7] = 0x0c;
        payload.CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), InternetChecksum.Complement(InternetChecksum.Sum(bytes)));
        return bytes;
    }
}
