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
/// housekeeping on the bridge (MLD, DAD from the bridge and veth ends) is told apart by source MAC.
/// </summary>
public static class UnderlayAudit
{
    // Ethernet II (IEEE 802.3): destination MAC 0-5, source MAC 6-11, EtherType 12-13, payload from 14.
    private const int SourceMacOffset = 6;
    private const int MacLength = 6;
    private const int EthernetHeaderLength = 14;

    /// <summary>Audits <paramref name="pcap"/>; the result lists every violation with its frame index.</summary>
    public static UnderlayReport Inspect(string pcap, IReadOnlySet<PhysicalAddress> containerMacs, IPAddress endpointA, IPAddress endpointB, byte[] marker)
    {
        var violations = new List<string>();
        long frames = 0, tunnelDatagrams = 0, hostNoise = 0;
        using var reader = PcapReader.Open(pcap);
        foreach (var frame in reader.ReadFrames())
        {
            frames++;
            var at = $"frame {frame.Index}";
            if (frame.Data.Span.IndexOf(marker) >= 0)
            {
                violations.Add($"{at}: the probe's payload marker is readable on the underlay (plaintext leak)");
            }

            if (frame.LinkType != LinkTypes.Ethernet || frame.Data.Length < EthernetHeaderLength || !frame.TryGetIp(out var bytes))
            {
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

        return new UnderlayReport(pcap, frames, tunnelDatagrams, hostNoise, violations);
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
