using System.Buffers.Binary;
using System.Net;
using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Tests.Support;

/// <summary>Hand-made IPv6 and IPv4 packets with valid checksums, and the frames live captures wrap them in.</summary>
public static class TestPackets
{
    /// <summary>An IPv6 packet carrying <paramref name="upper"/> (its checksum computed when <paramref name="checksumAt"/> ≥ 0).</summary>
    public static byte[] Ipv6(IPAddress source, IPAddress destination, byte nextHeader, byte[] upper, int checksumAt, byte hopLimit = 64, byte trafficClass = 0, int flowLabel = 0)
    {
        var packet = new byte[40 + upper.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (6u << 28) | ((uint)trafficClass << 20) | (uint)(flowLabel & 0xFFFFF));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)upper.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        source.GetAddressBytes().CopyTo(packet, 8);
        destination.GetAddressBytes().CopyTo(packet, 24);
        upper.CopyTo(packet, 40);
        if (checksumAt >= 0)
        {
            var segment = packet.AsSpan(40);
            segment[checksumAt] = segment[checksumAt + 1] = 0;
            var sum = InternetChecksum.ComputeWithPseudoHeader(packet.AsSpan(8, 16), packet.AsSpan(24, 16), nextHeader, segment);
            BinaryPrimitives.WriteUInt16BigEndian(segment[checksumAt..], nextHeader == IpProtocol.Udp && sum == 0 ? (ushort)0xFFFF : sum);
        }

        return packet;
    }

    /// <summary>An IPv6 UDP datagram.</summary>
    public static byte[] Udp6(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, byte[] payload, byte hopLimit = 64, byte trafficClass = 0, int flowLabel = 0)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return Ipv6(source, destination, IpProtocol.Udp, udp, 6, hopLimit, trafficClass, flowLabel);
    }

    /// <summary>An IPv6 TCP segment (no options).</summary>
    public static byte[] Tcp6(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, uint sequence, byte flags, byte[] payload, byte hopLimit = 64, byte trafficClass = 0, int flowLabel = 0)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        return Ipv6(source, destination, IpProtocol.Tcp, tcp, 16, hopLimit, trafficClass, flowLabel);
    }

    /// <summary>An ICMPv6 echo request (128) or reply (129).</summary>
    public static byte[] Echo6(IPAddress source, IPAddress destination, byte type, ushort identifier, ushort sequence, byte[] data, byte hopLimit = 64, byte trafficClass = 0)
    {
        var icmp = new byte[8 + data.Length];
        icmp[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(6), sequence);
        data.CopyTo(icmp, 8);
        return Ipv6(source, destination, IpProtocol.IcmpV6, icmp, 2, hopLimit, trafficClass);
    }

    /// <summary>An ICMPv6 Packet Too Big from <paramref name="source"/> quoting <paramref name="quoted"/>.</summary>
    public static byte[] PacketTooBig6(IPAddress source, IPAddress destination, uint mtu, byte[] quoted) =>
        Error6(source, destination, 2, 0, mtu, quoted);

    /// <summary>An ICMPv6 error (type 1-4) from <paramref name="source"/> quoting as much of <paramref name="quoted"/> as fits 1280 bytes.</summary>
    public static byte[] Error6(IPAddress source, IPAddress destination, byte type, byte code, uint rest, byte[] quoted)
    {
        var body = quoted.AsSpan(0, Math.Min(quoted.Length, 1232)).ToArray();
        var icmp = new byte[8 + body.Length];
        icmp[0] = type;
        icmp[1] = code;
        BinaryPrimitives.WriteUInt32BigEndian(icmp.AsSpan(4), rest);
        body.CopyTo(icmp, 8);
        return Ipv6(source, destination, IpProtocol.IcmpV6, icmp, 2, hopLimit: 64);
    }

    /// <summary>Breaks the transport checksum of an IPv6 packet made here (one bit flipped).</summary>
    public static byte[] WithBadChecksum(byte[] ipv6, int checksumAt)
    {
        var copy = ipv6.ToArray();
        copy[40 + checksumAt] ^= 0x01;
        return copy;
    }

    /// <summary>A Linux cooked v2 frame (what tcpdump -i any writes): <paramref name="outgoing"/> for what the namespace's kernel sent.</summary>
    public static byte[] Sll2(byte[] ip, bool outgoing)
    {
        var frame = new byte[20 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, ip[0] >> 4 == 6 ? (ushort)0x86DD : (ushort)0x0800);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 7);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 65534);
        frame[10] = outgoing ? (byte)4 : (byte)0;
        ip.CopyTo(frame, 20);
        return frame;
    }

    /// <summary>An Ethernet frame (zero MACs) around <paramref name="ip"/>.</summary>
    public static byte[] Ethernet(byte[] ip)
    {
        var frame = new byte[14 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), ip[0] >> 4 == 6 ? (ushort)0x86DD : (ushort)0x0800);
        ip.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>Writes frames of <paramref name="linkType"/> to a new pcap, one millisecond apart from <paramref name="start"/>.</summary>
    public static string Write(string path, int linkType, DateTimeOffset start, params byte[][] frames)
    {
        using var writer = PcapWriter.Create(path, linkType);
        for (var i = 0; i < frames.Length; i++)
        {
            writer.Write(start.AddMilliseconds(i), frames[i]);
        }

        return path;
    }
}
