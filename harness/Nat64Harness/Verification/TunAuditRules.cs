using System.Net;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>The rules <see cref="TunAudit"/> applies to each packet a VPN wrote into its TUN, each with its clause.</summary>
internal static class TunAuditRules
{
    // Hop limits stacks choose for what they originate: 64 (Linux, most Unix stacks), 128 (Windows), 255 (libslirp,
    // measured: slirp4netns's TCP segments toward the app). A VPN may well choose one of them, so a response that
    // equals a request sent with it (or with it + 1) proves nothing; requests with other hop limits, and the comparison
    // across exchanges (Derived), catch a copied header.
    private static readonly int[] CommonHopLimits = [64, 128, 255];

    /// <summary>Every rule a single response breaks, given the request flow it answers (null when none matches).</summary>
    public static List<string> Check(TunPacket packet, IpPacket ip, IPAddress app, TunFlow? flow, int? requestHopLimit)
    {
        var v = new List<string>();
        var length = packet.Bytes.Length;
        if (!ip.Destination.Equals(app))
        {
            v.Add($"response {ip.Source} → {ip.Destination} is not addressed to the app {app} (source and destination not swapped)");
        }
        else if (flow is null && ip.Protocol is IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.IcmpV6 && TunFlow.KeyOf(ip, asResponse: true) is not null && requestHopLimit is null)
        {
            v.Add($"response {ip.Source} port {ip.SourcePort} → {ip.Destination} port {ip.DestinationPort} answers no request the app sent (addresses and ports are no reversal of any)");
        }

        if (ip.Source.IsIPv6Multicast || ip.Source.Equals(IPAddress.IPv6Any) || ip.Source.IsIPv6LinkLocal)
        {
            v.Add($"source {ip.Source} is not a unicast address the app dialled (RFC 4291 §2.5.2, §2.7: never a source)");
        }

        var expectedLength = ip.Version == 6 ? length - 40 : length;
        var lengthRight = ip.LengthField == expectedLength;
        if (!lengthRight)
        {
            v.Add($"{(ip.Version == 6 ? "payload length" : "total length")} field {ip.LengthField}, but {expectedLength} bytes are there (RFC 8200 §3: the app's kernel drops it)");
        }

        HopLimit(v, ip, requestHopLimit);
        Ecn(v, packet, ip, flow);

        if (ip.Version == 6 && flow is not null)
        {
            if (flow.ResponseFlowLabel is { } label && label != ip.FlowLabel)
            {
                v.Add($"flow label changed within the flow: 0x{label:x5} → 0x{ip.FlowLabel:x5} (RFC 6437 §3: one value for every packet of a flow)");
            }

            flow.ResponseFlowLabel = ip.FlowLabel;
        }

        Transport(v, ip, lengthRight);
        Echo(v, ip, flow);
        return v;
    }

    /// <summary>
    /// Across exchanges: a hop limit of the VPN's own does not change with the request's. When requests of one
    /// protocol carried different hop limits and the responses' changed with them, the VPN derives its hop limit
    /// from the request's (copies it, decrements it, or computes it) whatever each single value looks like.
    /// </summary>
    public static IEnumerable<string> Derived(IReadOnlyList<(byte Protocol, int Request, int Response, string At)> hopLimits)
    {
        foreach (var protocol in hopLimits.GroupBy(h => h.Protocol))
        {
            var byRequest = protocol.GroupBy(h => h.Request).ToDictionary(g => g.Key, g => g.Select(h => h.Response).Distinct().ToList());
            var responses = byRequest.Values.SelectMany(r => r).Distinct().ToList();
            if (byRequest.Count >= 2 && responses.Count >= 2 && byRequest.Values.All(r => r.Count == 1))
            {
                var pairs = string.Join(", ", byRequest.OrderBy(p => p.Key).Select(p => $"{p.Key} → {p.Value[0]}"));
                yield return $"{Name(protocol.Key)} responses: the hop limit follows the request's ({pairs}): derived from the request, not originated by the VPN (RFC 8200 §3: the sender sets its own)";
            }
        }
    }

    private static void HopLimit(List<string> v, IpPacket ip, int? request)
    {
        if (ip.Version != 6)
        {
            return;
        }

        if (ip.HopLimit == 0)
        {
            v.Add("hop limit 0: the VPN originated a packet no router would forward (RFC 8200 §3: each hop decrements it, 0 is discarded)");
        }
        else if (request is { } r && !CommonHopLimits.Contains(r) && ip.HopLimit == r)
        {
            v.Add($"hop limit {ip.HopLimit} = the request's {r}: copied from the request, not originated by the VPN (RFC 8200 §3)");
        }
        else if (request is { } q && !CommonHopLimits.Contains(q - 1) && ip.HopLimit == ((q - 1) & 0xFF))
        {
            v.Add($"hop limit {ip.HopLimit} = the request's {q} − 1: copied from the request and decremented as if routed, not originated by the VPN (RFC 8200 §3)");
        }
    }

    // RFC 3168: CE is a router's congestion mark; ECT announces an ECN-capable transport, which a VPN relaying
    // through ordinary sockets is not unless it negotiated ECN on a TCP connection (then on data segments only).
    private static void Ecn(List<string> v, TunPacket packet, IpPacket ip, TunFlow? flow)
    {
        var ecn = packet.Ecn;
        if (ecn == 0)
        {
            if (ip.Protocol == IpProtocol.Tcp && flow is not null && ip.Upper.Length >= 14 && (ip.Upper.Span[13] & 0x12) == 0x12)
            {
                flow.EcnAccepted = flow.EcnRequested && (ip.Upper.Span[13] & 0x40) != 0;
            }

            return;
        }

        if (ecn == 3)
        {
            v.Add($"ECN field CE (traffic class 0x{ip.TrafficClass:x2}) in a packet the VPN originated: only a congested router marks CE (RFC 3168 §5); a copied request header carries it back");
            return;
        }

        var tcp = ip.Protocol == IpProtocol.Tcp && ip.Upper.Length >= 20;
        var flags = tcp ? ip.Upper.Span[13] : (byte)0;
        var data = tcp && ip.Upper.Length > (ip.Upper.Span[12] >> 4) * 4;
        if (!tcp)
        {
            v.Add($"ECN field ECT({(ecn == 2 ? 0 : 1)}) on a {Name(ip.Protocol)} response: it claims an ECN-capable transport the VPN's relay does not have (RFC 3168 §5)");
        }
        else if ((flags & 0x02) != 0 || !data)
        {
            v.Add($"ECN field ECT on a TCP {((flags & 0x02) != 0 ? "SYN" : "pure ACK")}: RFC 3168 §6.1.1 and §6.1.4 forbid it");
        }
        else if (flow is null || !flow.EcnAccepted)
        {
            v.Add("ECN field ECT on TCP data of a connection that did not negotiate ECN (RFC 3168 §6.1.1)");
        }
    }

    private static void Transport(List<string> v, IpPacket ip, bool lengthRight)
    {
        if (ip.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.IcmpV6) || !ip.HasUpperHeader || ip.IsTruncated || !lengthRight)
        {
            return;
        }

        var upper = ip.Upper.Span;
        if (ip.Protocol == IpProtocol.Udp && upper.Length >= 8)
        {
            var udpLength = (upper[4] << 8) | upper[5];
            if (udpLength != upper.Length)
            {
                v.Add($"UDP length {udpLength}, but the payload holds {upper.Length} bytes (RFC 768)");
            }

            if (ip.Version == 6 && upper[6] == 0 && upper[7] == 0)
            {
                v.Add("UDP checksum 0: IPv6 receivers discard it (RFC 8200 §8.1)");
                return;
            }
        }

        if (ip.Protocol == IpProtocol.Tcp && upper.Length >= 20 && (upper[12] >> 4) * 4 is var offset && (offset < 20 || offset > upper.Length))
        {
            v.Add($"TCP data offset {offset} bytes in a {upper.Length}-byte segment (RFC 9293 §3.1)");
        }

        if (!InternetChecksum.VerifyWithPseudoHeader(ip.SourceBytes, ip.DestinationBytes, ip.Protocol, upper))
        {
            v.Add($"{Name(ip.Protocol)} checksum invalid over the IPv{ip.Version} pseudo-header ({upper.Length}-byte {(upper.Length % 2 == 1 ? "odd" : "even")}-length segment; the app's kernel drops it)");
        }
    }

    private static void Echo(List<string> v, IpPacket ip, TunFlow? flow)
    {
        if (ip.Icmp is not { } icmp || ip.Version != 6)
        {
            return;
        }

        if (icmp.Type == 128)
        {
            v.Add("ICMPv6 type 128 (echo request) sent to the app as the reply; RFC 4443 §4.2 wants type 129");
        }

        if (icmp.Type is 128 or 129 && icmp.Code != 0)
        {
            v.Add($"ICMPv6 echo code {icmp.Code}; RFC 4443 §4.2 wants 0");
        }

        if (icmp.Type is 128 or 129 && flow is not null && flow.EchoData.TryGetValue(icmp.SequenceNumber, out var data) && !data.Span.SequenceEqual(icmp.Body.Span))
        {
            v.Add($"echo reply {icmp.SequenceNumber} does not return the request's {data.Length} data bytes unmodified ({icmp.Body.Length} bytes; RFC 4443 §4.2)");
        }
    }

    private static string Name(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        IpProtocol.IcmpV6 => "ICMPv6",
        _ => $"protocol {protocol}",
    };
}
