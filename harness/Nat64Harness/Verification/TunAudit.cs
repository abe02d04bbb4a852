using System.Net;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges the packets a userspace VPN built and wrote into its TUN for the app: the responses of the design
/// where IPv6 bugs live. Each must be addressed to the app (source and destination swapped), carry lengths
/// that match its bytes, a hop limit the VPN originated (not 0, not the request's minus one), a valid
/// transport checksum over the pseudo-header, and, for echo, the reply type.
/// </summary>
public static class TunAudit
{
    /// <summary>Audits <paramref name="pcap"/> (a capture of what the kernel received from the TUN).</summary>
    /// <param name="pcap">The in-namespace capture.</param>
    /// <param name="app">The app's address inside the tunnel.</param>
    /// <param name="requestHopLimit">The hop limit the app's requests carried.</param>
    public static TunReport Inspect(string pcap, IPAddress app, int requestHopLimit)
    {
        var violations = new List<string>();
        long responses = 0;
        using var reader = PcapReader.Open(pcap);
        foreach (var packet in reader.ReadPackets())
        {
            responses++;
            var at = $"packet {packet.Index}";
            if (!IpPacket.TryParse(packet.Ip, embedded: false, out var ip, out var error))
            {
                violations.Add($"{at}: unparseable response: {error}");
                continue;
            }

            if (!ip.Destination.Equals(app))
            {
                violations.Add($"{at}: response {ip.Source} → {ip.Destination} is not addressed to the app {app} (source and destination not swapped)");
            }

            var expectedLength = ip.Version == 6 ? packet.Ip.Length - 40 : packet.Ip.Length;
            if (ip.LengthField != expectedLength)
            {
                violations.Add($"{at}: {(ip.Version == 6 ? "payload length" : "total length")} field {ip.LengthField}, but {expectedLength} bytes are there");
            }

            if (ip.Version == 6 && ip.HopLimit == 0)
            {
                violations.Add($"{at}: hop limit 0: the VPN originated a packet no router would forward (RFC 8200 §3: each hop decrements it, 0 is discarded)");
            }
            else if (ip.Version == 6 && ip.HopLimit == requestHopLimit - 1)
            {
                violations.Add($"{at}: hop limit {ip.HopLimit} = the request's {requestHopLimit} − 1: copied from the request, not originated by the VPN");
            }

            if (ip.Protocol is IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.IcmpV6 && ip.HasUpperHeader && !ip.IsTruncated
                && ip.LengthField == expectedLength
                && !InternetChecksum.VerifyWithPseudoHeader(ip.SourceBytes, ip.DestinationBytes, ip.Protocol, ip.Upper.Span))
            {
                violations.Add($"{at}: {Name(ip.Protocol)} checksum invalid over the IPv{ip.Version} pseudo-header");
            }

            if (ip.Icmp is { } icmp && ip.Version == 6 && icmp.Type == 128)
            {
                violations.Add($"{at}: ICMPv6 type 128 (echo request) sent to the app as the reply; RFC 4443 §4.2 wants type 129");
            }
        }

        return new TunReport(pcap, responses, violations);
    }

    private static string Name(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        _ => "ICMPv6",
    };
}
