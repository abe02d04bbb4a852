using System.Net;
using System.Net.NetworkInformation;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// Reads an underlay capture frame by frame: what a tunnel VPN may put there is its encapsulation over IPv4
/// between its two endpoints, nothing else. IPv6 from the VPN's containers, IPv4 that is not UDP between
/// the endpoints, and the probe's payload marker in any frame are violations. The host's own link-local
/// housekeeping on the bridge (MLD, DAD from the bridge and veth ends) is told apart by source MAC. DNS in clear is a
/// violation wherever it is: UDP or TCP to or from port 53 (even between the endpoints, where it would otherwise pass for
/// the tunnel), and any frame in which a name of the test zones is readable in DNS wire format.
/// </summary>
public static class UnderlayAudit
{
    // Ethernet II (IEEE 802.3): destination MAC 0-5, source MAC 6-11, EtherType 12-13, payload from 14.
    private const int SourceMacOffset = 6;
    private const int MacLength = 6;
    private const int EthernetHeaderLength = 14;
    private const int DnsPort = 53;

    // The test zones' names as DNS writes them (RFC 1035 §3.1: length-prefixed labels, a zero octet to end).
    private static readonly byte[][] DnsNames = [[6, .. "nat64h"u8, 4, .. "test"u8, 0], [8, .. "ipv4only"u8, 4, .. "arpa"u8, 0]];

    /// <summary>Audits <paramref name="pcap"/>; the result lists every violation with its frame index.</summary>
    public static UnderlayReport Inspect(string pcap, IReadOnlySet<PhysicalAddress> containerMacs, IPAddress endpointA, IPAddress endpointB, byte[] marker)
    {
        var violations = new List<string>();
        long frames = 0, tunnelDatagrams = 0, hostNoise = 0, dnsInClear = 0;
        using var reader = PcapReader.Open(pcap);
        foreach (var frame in reader.ReadFrames())
        {
            frames++;
            var at = $"frame {frame.Index}";
            if (frame.Data.Span.IndexOf(marker) >= 0)
            {
                violations.Add($"{at}: the probe's payload marker is readable on the underlay (plaintext leak)");
            }

            if (DnsNames.Any(n => frame.Data.Span.IndexOf(n) >= 0))
            {
                dnsInClear++;
                violations.Add($"{at}: a DNS name of the test zones is readable on the underlay (DNS in clear)");
            }

            if (frame.LinkType != LinkTypes.Ethernet || frame.Data.Length < EthernetHeaderLength || !frame.TryGetIp(out var bytes))
            {
                continue;
            }

            if (IpPacket.TryParse(bytes, embedded: false, out var ip, out _) && (ip.SourcePort == DnsPort || ip.DestinationPort == DnsPort)
                && ip.Protocol is IpProtocol.Udp or IpProtocol.Tcp)
            {
                dnsInClear++;
                violations.Add($"{at}: DNS in clear on the underlay: {ProtocolName(ip.Protocol)} {ip.Source}:{ip.SourcePort} → {ip.Destination}:{ip.DestinationPort}");
                continue;
            }

            var source = new PhysicalAddress(frame.Data.Span.Slice(SourceMacOffset, MacLength).ToArray());
            if (Ipv6Header.TryParse(bytes.Span, out var v6))
            {
                if (containerMacs.Contains(source))
                {
                    violations.Add($"{at}: IPv6 {new IPAddress(v6.Source)} → {new IPAddress(v6.Destination)} from VPN container {source}");
                }
                else
                {
                    hostNoise++;
                }
            }
            else if (Ipv4Header.TryParse(bytes.Span, out var v4))
            {
                var (from, to) = (new IPAddress(v4.Source), new IPAddress(v4.Destination));
                if (v4.Protocol == IpProtocol.Udp && IsBetween(from, to, endpointA, endpointB))
                {
                    tunnelDatagrams++;
                }
                else
                {
                    violations.Add($"{at}: IPv4 {ProtocolName(v4.Protocol)} {from} → {to} is not the tunnel's UDP between {endpointA} and {endpointB}");
                }
            }
        }

        return new UnderlayReport(pcap, frames, tunnelDatagrams, hostNoise, violations, dnsInClear);
    }

    private static bool IsBetween(IPAddress source, IPAddress destination, IPAddress a, IPAddress b) =>
        (source.Equals(a) && destination.Equals(b)) || (source.Equals(b) && destination.Equals(a));

    private static string ProtocolName(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        IpProtocol.Icmp => "ICMP",
        _ => $"protocol {protocol}",
    };
}
