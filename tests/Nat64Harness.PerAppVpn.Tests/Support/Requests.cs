using System.Buffers.Binary;
using System.Net;

namespace Nat64Harness.PerAppVpn.Tests.Support;

/// <summary>Builds packets as an app's stack would write them into the TUN, checksummed by <see cref="IndependentChecksum"/>.</summary>
public static class Requests
{
    public static readonly IPAddress AppV6 = IPAddress.Parse("2001:db8:0:77::2");
    public static readonly IPAddress RemoteV6 = IPAddress.Parse("64:ff9b::6440:a"); // RFC 6052 /96 form of 100.64.0.10
    public static readonly IPAddress AppV4 = IPAddress.Parse("100.67.0.2");
    public static readonly IPAddress RemoteV4 = IPAddress.Parse("100.64.0.10");

    public const ushort AppPort = 40000;
    public const ushort RemotePort = 7;

    public static byte[] Udp(bool v6, byte[] payload, byte hopLimit = 64)
    {
        var l4 = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(l4, AppPort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), RemotePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(4), (ushort)l4.Length);
        payload.CopyTo(l4, 8);
        return Wrap(v6, 17, l4, 6, hopLimit);
    }

    /// <summary>A TCP segment; <paramref name="windowScale"/> 0..14 adds the RFC 7323 option (as NOP + 3 bytes), -1 leaves it out.</summary>
    public static byte[] Tcp(bool v6, uint seq, uint ack, byte flags, byte[]? payload = null, ushort window = 65535, ushort mss = 0, byte hopLimit = 64,
        int windowScale = -1)
    {
        payload ??= [];
        var optionLength = (mss != 0 ? 4 : 0) + (windowScale >= 0 ? 4 : 0);
        var l4 = new byte[20 + optionLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(l4, AppPort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), RemotePort);
        BinaryPrimitives.WriteUInt32BigEndian(l4.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(l4.AsSpan(8), ack);
        l4[12] = (byte)((20 + optionLength) / 4 << 4);
        l4[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(14), window);
        if (mss != 0)
        {
            l4[20] = 2;
            l4[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(22), mss);
        }

        if (windowScale >= 0)
        {
            var at = 20 + (mss != 0 ? 4 : 0);
            l4[at] = 1;
            l4[at + 1] = 3;
            l4[at + 2] = 3;
            l4[at + 3] = (byte)windowScale;
        }

        payload.CopyTo(l4, 20 + optionLength);
        return Wrap(v6, 6, l4, 16, hopLimit);
    }

    public static byte[] EchoRequest(bool v6, ushort id, ushort seq, byte[] data, byte hopLimit = 64)
    {
        var l4 = new byte[8 + data.Length];
        l4[0] = v6 ? (byte)128 : (byte)8;
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(6), seq);
        data.CopyTo(l4, 8);
        return Wrap(v6, v6 ? (byte)58 : (byte)1, l4, 2, hopLimit);
    }

    /// <summary>Wraps an upper-layer message in an IPv6 or IPv4 header and fills in its checksum at <paramref name="checksumOffset"/>.</summary>
    public static byte[] Wrap(bool v6, byte protocol, byte[] l4, int checksumOffset, byte hopLimit = 64, byte[]? extensionHeaders = null)
    {
        extensionHeaders ??= [];
        var header = v6 ? 40 : 20;
        var packet = new byte[header + extensionHeaders.Length + l4.Length];
        if (v6)
        {
            packet[0] = 0x60;
            packet[1] = 0x0A; // traffic class 0x00, flow label 0xA1234
            packet[2] = 0x12;
            packet[3] = 0x34;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(extensionHeaders.Length + l4.Length));
            packet[6] = extensionHeaders.Length > 0 ? (byte)0 : protocol;
            packet[7] = hopLimit;
            AppV6.GetAddressBytes().CopyTo(packet, 8);
            RemoteV6.GetAddressBytes().CopyTo(packet, 24);
            extensionHeaders.CopyTo(packet, 40);
        }
        else
        {
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1234);
            packet[6] = 0x40; // DF
            packet[8] = hopLimit;
            packet[9] = protocol;
            AppV4.GetAddressBytes().CopyTo(packet, 12);
            RemoteV4.GetAddressBytes().CopyTo(packet, 16);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), IndependentChecksum.Compute(packet[..20]));
        }

        var l4Offset = header + extensionHeaders.Length;
        l4.CopyTo(packet, l4Offset);
        byte[] pseudo = v6
            ? [.. packet[8..40], 0, 0, (byte)(l4.Length >> 8), (byte)l4.Length, 0, 0, 0, protocol]
            : protocol == 1 ? [] : [.. packet[12..20], 0, protocol, (byte)(l4.Length >> 8), (byte)l4.Length];
        var checksum = IndependentChecksum.Compute(pseudo, l4);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(l4Offset + checksumOffset), checksum);
        return packet;
    }
}
