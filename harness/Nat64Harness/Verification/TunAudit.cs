using System.Net;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges every packet a userspace VPN wrote into its TUN for the app against what the RFCs demand of a packet the
/// VPN originates, each paired with the app's request it answers (the capture holds both directions):
/// addressed to the app from the address and port it dialled; lengths that match the bytes; transport checksums
/// that verify (a zero UDP checksum never does in IPv6); a hop limit of the VPN's own, neither 0 nor the
/// request's nor derived from it, across exchanges whose requests carried different hop limits; an ECN field that
/// claims no congestion mark and no ECN capability it did not negotiate; one flow label per flow; echo replies of
/// type 129 that return the request's data. <see cref="TunAuditRules"/> holds each rule with its clause.
/// </summary>
public static class TunAudit
{
    /// <summary>Audits <paramref name="pcap"/>; <paramref name="requestHopLimit"/> stands for the request's hop limit when the capture holds no request (an "in"-only capture).</summary>
    public static TunReport Inspect(string pcap, IPAddress app, int requestHopLimit) => Inspect([pcap], app, requestHopLimit);

    /// <summary>
    /// Audits the TUN captures of several exchanges together: each response against its own request, and the
    /// VPN's hop limits across exchanges (a hop limit that changes with the request's is derived from it).
    /// </summary>
    /// <param name="pcaps">One TUN capture per exchange, both directions.</param>
    /// <param name="app">The app's address inside the tunnel.</param>
    /// <param name="requestHopLimit">The request's hop limit to assume for a response with no request in its capture, or null to assume none.</param>
    public static TunReport Inspect(IEnumerable<string> pcaps, IPAddress app, int? requestHopLimit = null)
    {
        var violations = new List<string>();
        var hopLimits = new List<(byte Protocol, int Request, int Response, string At)>();
        long responses = 0, requests = 0;
        var names = new List<string>();
        foreach (var pcap in pcaps)
        {
            names.Add(pcap);
            var flows = new Dictionary<(byte, IPAddress, int, IPAddress, int), TunFlow>();
            foreach (var packet in TunPacket.Read(pcap))
            {
                var at = $"{Path.GetFileName(pcap)} packet {packet.Index}";
                if (packet.Direction == TrafficDirection.Outbound)
                {
                    requests++;
                    Request(packet, flows);
                    continue;
                }

                responses++;
                if (packet.Ip is not { } ip)
                {
                    violations.Add($"{at}: unparseable response: {packet.Error}");
                    continue;
                }

                var flow = TunFlow.KeyOf(ip, asResponse: true) is { } key ? flows.GetValueOrDefault(key) : null;
                var request = flow is not null ? flow.LastHopLimit : requestHopLimit;
                violations.AddRange(TunAuditRules.Check(packet, ip, app, flow, request).Select(v => $"{at}: {v}"));
                if (request is { } r && ip.Version == 6)
                {
                    hopLimits.Add((ip.Protocol, r, ip.HopLimit, at));
                }
            }
        }

        violations.AddRange(TunAuditRules.Derived(hopLimits));
        return new TunReport(string.Join(' ', names), responses, violations) { Requests = requests };
    }

    private static void Request(TunPacket packet, Dictionary<(byte, IPAddress, int, IPAddress, int), TunFlow> flows)
    {
        if (packet.Ip is not { } ip || TunFlow.KeyOf(ip, asResponse: false) is not { } key)
        {
            return;
        }

        if (!flows.TryGetValue(key, out var flow))
        {
            flows[key] = flow = new TunFlow();
        }

        flow.LastHopLimit = ip.HopLimit;
        if (ip.Protocol == IpProtocol.Tcp && ip.Upper.Length >= 14 && (ip.Upper.Span[13] & 0x02) != 0)
        {
            // RFC 3168 §6.1.1: an ECN-setup SYN carries ECE and CWR.
            flow.EcnRequested = (ip.Upper.Span[13] & 0xC0) == 0xC0;
        }

        if (ip.Icmp is { Type: 128 } echo)
        {
            flow.EchoData[echo.SequenceNumber] = echo.Body;
        }
    }
}
