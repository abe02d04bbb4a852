using System.Buffers.Binary;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// The MSS a per-app VPN advertises in the SYN-ACKs it writes toward the app, against its device's MTU. A terminating
/// VPN is the app's TCP peer: its MSS option tells the app the largest segment to send, so it must fit the device
/// (RFC 9293 §3.7.1: MSS = MTU − fixed IP and TCP headers, 60 bytes for IPv6, 40 for IPv4; RFC 8200 §5's 1280-byte
/// minimum makes 1220 the smallest an IPv6 peer needs).
/// </summary>
public static class MssAudit
{
    private const int MssKind = 2;

    /// <summary>Reads every SYN-ACK in <paramref name="pcap"/> and judges its MSS option against <paramref name="deviceMtu"/>.</summary>
    public static MssReport Inspect(string pcap, int deviceMtu)
    {
        var advertised = new List<int?>();
        var violations = new List<string>();
        using var reader = PcapReader.Open(pcap);
        foreach (var packet in reader.ReadPackets())
        {
            if (!IpPacket.TryParse(packet.Ip, embedded: false, out var ip, out _) || ip.Protocol != IpProtocol.Tcp || ip.Upper.Length < 20)
            {
                continue;
            }

            var tcp = ip.Upper.Span;
            if ((tcp[13] & 0x12) != 0x12)
            {
                continue;
            }

            var mss = FindMss(tcp[20..Math.Min(tcp.Length, (tcp[12] >> 4) * 4)]);
            advertised.Add(mss);
            var headers = ip.Version == 6 ? 60 : 40;
            var at = $"packet {packet.Index}: SYN-ACK {ip.Source} → {ip.Destination}";
            if (mss is not { } m)
            {
                violations.Add($"{at} has no MSS option: the app assumes {(ip.Version == 6 ? 1220 : 536)} (RFC 9293 §3.7.1), whatever the device carries");
            }
            else if (m > deviceMtu - headers)
            {
                violations.Add($"{at}: MSS {m} > device MTU {deviceMtu} − {headers} = {deviceMtu - headers}: the app would send segments its link to the VPN cannot carry (RFC 9293 §3.7.1)");
            }
            else if (ip.Version == 6 && m < 1220)
            {
                violations.Add($"{at}: MSS {m} < 1220, below what the IPv6 minimum MTU carries (RFC 8200 §5)");
            }
        }

        return new MssReport(pcap, deviceMtu, advertised, violations);
    }

    /// <summary>The MSS option's value in a TCP header's options, or null.</summary>
    public static int? FindMss(ReadOnlySpan<byte> options)
    {
        var i = 0;
        while (i < options.Length)
        {
            var kind = options[i];
            if (kind == 0)
            {
                return null;
            }

            if (kind == 1)
            {
                i++;
                continue;
            }

            if (i + 1 >= options.Length || options[i + 1] < 2)
            {
                return null;
            }

            if (kind == MssKind && options[i + 1] == 4 && i + 4 <= options.Length)
            {
                return BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
            }

            i += options[i + 1];
        }

        return null;
    }

}
