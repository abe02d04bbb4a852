using System.Buffers.Binary;
using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Benchmarks;

/// <summary>
/// Writes a deterministic pair of captures: UDP exchanges through a NAT64, the IPv6 side and the IPv4 side,
/// each correctly translated. Every packet differs (ports and a counter in the payload), so pairing is real work.
/// </summary>
internal static class SyntheticCapture
{
    public static readonly IPAddress Client6 = IPAddress.Parse("2001:db8:5::2");
    public static readonly IPAddress Pool4 = IPAddress.Parse("100.64.5.130");
    public static readonly IPAddress Server4 = IPAddress.Parse("100.64.5.10");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="exchanges"/> request/reply exchanges (2 packets per exchange per side) unless already there.</summary>
    public static (string Ipv6Side, string Ipv4Side) Ensure(int exchanges)
    {
        var directory = Path.Combine(Path.GetTempPath(), "nat64h-bench");
        Directory.CreateDirectory(directory);
        var v6 = Path.Combine(directory, $"v6-side-{exchanges}.pcap");
        var v4 = Path.Combine(directory, $"v4-side-{exchanges}.pcap");
        if (File.Exists(v6) && File.Exists(v4))
        {
            return (v6, v4);
        }

        var server6 = Nat64Prefix.WellKnown.Synthesize(Server4);
        using (var w6 = PcapWriter.Create(v6 + ".tmp"))
        using (var w4 = PcapWriter.Create(v4 + ".tmp"))
        {
            var payload = new byte[64];
            for (var i = 0; i < exchanges; i++)
            {
                BinaryPrimitives.WriteInt64BigEndian(payload, i);
                var port = (ushort)(32768 + (i % 28000));
                var t = Start.AddTicks(i * 1000L);
                w6.Write(t, Udp(Client6, server6, 64, port, 7, payload));
                w4.Write(t.AddTicks(200), Udp(Pool4, Server4, 63, port, 7, payload));
                payload[63] = 1;
                w4.Write(t.AddTicks(500), Udp(Server4, Pool4, 64, 7, port, payload));
                w6.Write(t.AddTicks(700), Udp(server6, Client6, 63, 7, port, payload));
                payload[63] = 0;
            }
        }

        File.Move(v6 + ".tmp", v6, overwrite: true);
        File.Move(v4 + ".tmp", v4, overwrite: true);
        return (v6, v4);
    }

    private static byte[] Udp(IPAddress source, IPAddress destination, byte hopLimit, ushort sourcePort, ushort destinationPort, byte[] data)
    {
        var src = source.GetAddressBytes();
        var dst = destination.GetAddressBytes();
        var udp = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        data.CopyTo(udp, 8);
        var checksum = InternetChecksum.ComputeWithPseudoHeader(src, dst, IpProtocol.Udp, udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum); // RFC 768: computed zero is sent as all ones
        if (src.Length == 16)
        {
            var v6 = new byte[40 + udp.Length];
            v6[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(4), (ushort)udp.Length);
            v6[6] = IpProtocol.Udp;
            v6[7] = hopLimit;
            src.CopyTo(v6, 8);
            dst.CopyTo(v6, 24);
            udp.CopyTo(v6, 40);
            return v6;
        }

        var v4 = new byte[20 + udp.Length];
        v4[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(v4.AsSpan(2), (ushort)v4.Length);
        v4[8] = hopLimit;
        v4[9] = IpProtocol.Udp;
        src.CopyTo(v4, 12);
        dst.CopyTo(v4, 16);
        BinaryPrimitives.WriteUInt16BigEndian(v4.AsSpan(10), InternetChecksum.Complement(InternetChecksum.Sum(v4.AsSpan(0, 20))));
        udp.CopyTo(v4, 20);
        return v4;
    }
}
