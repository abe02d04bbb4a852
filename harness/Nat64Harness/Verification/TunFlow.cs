using System.Net;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// One flow of the app through a per-app VPN as its TUN capture shows it: the requests the app sent (their hop
/// limits, ECN setup, echo data) and the responses the VPN wrote back (their flow labels), keyed by the request's
/// 5-tuple (the ICMPv6 echo identifier standing for both ports).
/// </summary>
internal sealed class TunFlow
{
    public byte LastHopLimit { get; set; }

    public bool EcnRequested { get; set; }

    public bool EcnAccepted { get; set; }

    public int? ResponseFlowLabel { get; set; }

    public Dictionary<ushort, ReadOnlyMemory<byte>> EchoData { get; } = [];

    /// <summary>The key of a packet as the app's request would carry it; <paramref name="asResponse"/> swaps its ends first.</summary>
    public static (byte, IPAddress, int, IPAddress, int)? KeyOf(IpPacket ip, bool asResponse)
    {
        int sourcePort, destinationPort;
        if (ip.Icmp is { } icmp && icmp.IsEcho(ip.Version))
        {
            sourcePort = destinationPort = icmp.Identifier;
        }
        else if (ip.SourcePort is { } s && ip.DestinationPort is { } d)
        {
            (sourcePort, destinationPort) = (s, d);
        }
        else
        {
            return null;
        }

        return asResponse
            ? (ip.Protocol, ip.Destination, destinationPort, ip.Source, sourcePort)
            : (ip.Protocol, ip.Source, sourcePort, ip.Destination, destinationPort);
    }
}
