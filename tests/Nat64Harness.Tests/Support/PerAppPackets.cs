using System.Buffers.Binary;
using System.Net;
using Nat64Harness.Capture;

namespace Nat64Harness.Tests.Support;

/// <summary>Hand-made IPv6 packets and pcaps for the per-app audits: one field at a time, the rest plausible.</summary>
public static class PerAppPackets
{
    /// <summary>An IPv6 TCP segment with the given flags and raw option bytes (padded to 4).</summary>
    public static byte[] Tcp(IPAddress source, IPAddress destination, byte flags, byte[]? options = null, int hopLimit = 64)
    {
        options ??= [];
        var optionLength = (options.Length + 3) / 4 * 4;
        var tcp = new byte[20 + optionLength];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 7);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), 40000);
        tcp[12] = (byte)((tcp.Length / 4) << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        options.CopyTo(tcp, 20);
        return Ipv6(source, destination, 6, tcp, hopLimit);
    }

    /// <summary>An IPv6 packet around <paramref name="upper"/>.</summary>
    public static byte[] Ipv6(IPAddress source, IPAddress destination, byte nextHeader, byte[] upper, int hopLimit = 64)
    {
        var ip = new byte[40 + upper.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)upper.Length);
        ip[6] = nextHeader;
        ip[7] = (byte)hopLimit;
        source.GetAddressBytes().CopyTo(ip, 8);
        destination.GetAddressBytes().CopyTo(ip, 24);
        upper.CopyTo(ip, 40);
        return ip;
    }

    /// <summary>Writes the packets to a pcap of <paramref name="linkType"/> (a TAP's Ethernet, a TUN's raw IP) in <paramref name="directory"/>.</summary>
    public static string Pcap(string directory, int linkType, params byte[][] packets)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.pcap");
        using var writer = PcapWriter.Create(path, linkType);
        foreach (var p in packets)
        {
            writer.WriteIp(DateTimeOffset.UnixEpoch, p);
        }

        return path;
    }
}
