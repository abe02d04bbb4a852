using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nat64Harness.Verification;

/// <summary>
/// Reads an underlay capture frame by frame: what a tunnel VPN may put there is its encapsulation over IPv4
/// between its two endpoints, nothing else. IPv6 from the VPN's containers, IPv4 that is not UDP between
/// the endpoints, and the probe's payload marker in any frame are violations. The host's own link-local
/// housekeeping on the bridge (MLD, DAD from the bridge and veth ends) is told apart by source MAC.
/// </summary>
public static class UnderlayAudit
{
    /// <summary>Audits <paramref name="pcap"/>; the result lists every violation with its frame index.</summary>
    public static UnderlayReport Inspect(string pcap, IReadOnlySet<PhysicalAddress> containerMacs, IPAddress endpointA, IPAddress endpointB, byte[] marker)
    {
        var violations = new List<string>();
        long frames = 0, tunnelDatagrams = 0, hostNoise = 0;
        using var reader = new CaptureFileReaderDevice(pcap);
        reader.Open();
        while (reader.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            var index = frames++;
            var raw = capture.GetPacket();
            if (raw.Data.AsSpan().IndexOf(marker) >= 0)
            {
                violations.Add($"frame {index}: the probe's payload marker is readable on the underlay (plaintext leak)");
            }

            if (Packet.ParsePacket(raw.LinkLayerType, raw.Data) is not EthernetPacket eth)
            {
                continue;
            }

            switch (eth.PayloadPacket)
            {
                case IPv6Packet v6 when containerMacs.Contains(eth.SourceHardwareAddress):
                    violations.Add($"frame {index}: IPv6 {v6.SourceAddress} → {v6.DestinationAddress} from VPN container {eth.SourceHardwareAddress}");
                    break;
                case IPv6Packet:
                    hostNoise++;
                    break;
                case IPv4Packet v4 when v4.PayloadPacket is UdpPacket && IsBetween(v4, endpointA, endpointB):
                    tunnelDatagrams++;
                    break;
                case IPv4Packet v4:
                    violations.Add($"frame {index}: IPv4 {v4.Protocol} {v4.SourceAddress} → {v4.DestinationAddress} is not the tunnel's UDP between {endpointA} and {endpointB}");
                    break;
            }
        }

        return new UnderlayReport(pcap, frames, tunnelDatagrams, hostNoise, violations);
    }

    private static bool IsBetween(IPv4Packet p, IPAddress a, IPAddress b) =>
        (p.SourceAddress.Equals(a) && p.DestinationAddress.Equals(b)) || (p.SourceAddress.Equals(b) && p.DestinationAddress.Equals(a));
}
