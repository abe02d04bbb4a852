using System.Net;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// Finds the app's own addresses on the access network behind a per-app VPN. Everything the VPN sends there must
/// come from its own access address (containers/perapp-contract.md, rule 3); a packet from or to an app address
/// left the app's namespace without the VPN (a route or rule that let the kernel send it directly: the reference
/// VPN's TIME-WAIT ACKs, sent as uid 0, did).
/// </summary>
public static class LeakAudit
{
    /// <summary>Audits <paramref name="pcap"/> (a capture of the access bridge whose filter includes the app's addresses).</summary>
    public static LeakReport Inspect(string pcap, IReadOnlyCollection<IPAddress> appAddresses)
    {
        ArgumentNullException.ThrowIfNull(appAddresses);
        var violations = new List<string>();
        long packets = 0;
        using var reader = PcapReader.Open(pcap);
        foreach (var packet in reader.ReadPackets())
        {
            packets++;
            if (!IpPacket.TryParse(packet.Ip, embedded: false, out var ip, out _))
            {
                continue;
            }

            var side = appAddresses.Contains(ip.Source) ? "source" : appAddresses.Contains(ip.Destination) ? "destination" : null;
            if (side is not null)
            {
                violations.Add($"packet {packet.Index}: {ip.Source} → {ip.Destination} {Describe(ip)}: the app's address as {side} on the access network (it bypassed the VPN)");
            }
        }

        return new LeakReport(pcap, packets, violations);
    }

    private static string Describe(IpPacket ip)
    {
        if (ip.Protocol == IpProtocol.Tcp && ip.Upper.Length >= 14)
        {
            var flags = ip.Upper.Span[13];
            var names = new[] { (0x02, "SYN"), (0x10, "ACK"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH") }.Where(f => (flags & f.Item1) != 0).Select(f => f.Item2);
            return $"TCP {ip.SourcePort}→{ip.DestinationPort} [{string.Join(',', names)}]";
        }

        return ip.Protocol switch
        {
            IpProtocol.Udp => $"UDP {ip.SourcePort}→{ip.DestinationPort}",
            IpProtocol.IcmpV6 or IpProtocol.Icmp => $"ICMP type {ip.Icmp?.Type}",
            _ => $"protocol {ip.Protocol}",
        };
    }
}
