using System.Net;
using Nat64Harness.Oracle;

namespace Nat64Harness.Model;

/// <summary>The oracle's report on an exchange's captures, and the client ↔ pool mappings it learned.</summary>
public sealed record ExchangeVerdict(RouterProfile Router, PairingReport Report, IReadOnlyList<(IPAddress Ipv6, IPAddress Ipv4)> Mappings)
{
    /// <summary>Every packet paired and conforming.</summary>
    public bool Conforms => Report.Conforms;

    /// <summary>Pairs judged whose packet has <paramref name="port"/> as source or destination port (53: DNS across the NAT64).</summary>
    public int PairsOnPort(int port) => Report.Rows.Count(r =>
        r.Outcome == PairingOutcome.Paired && r.Before is { } before
        && Packets.IpPacket.TryParse(before.Ip, embedded: false, out var ip, out _) && (ip.SourcePort == port || ip.DestinationPort == port));

    /// <summary>The report as text, with the router profile's accepted departures from RFC 7915.</summary>
    public override string ToString() =>
        Report.ToText() + string.Concat(Router.Deviations.Select(d => $"\naccepted for {Router.Name}: {d}"));
}
