using System.Net;
using Nat64Harness.Oracle;

namespace Nat64Harness.Model;

/// <summary>The oracle's report on an exchange's captures, and the client ↔ pool mappings it learned.</summary>
public sealed record ExchangeVerdict(RouterProfile Router, PairingReport Report, IReadOnlyList<(IPAddress Ipv6, IPAddress Ipv4)> Mappings)
{
    /// <summary>
    /// Packets left without a partner and not counted lost or unexplained, because their partner may lie in the stretch
    /// a bounded capture of a long exchange omitted on the other side.
    /// </summary>
    public long Excused { get; init; }

    /// <summary>
    /// Packets left without a partner and not counted lost or unexplained, because one capture took them while the
    /// other was not running (before it started or after it stopped): a flow beside the exchange crossing then.
    /// </summary>
    public long OutsideOtherCapture { get; init; }

    /// <summary>
    /// Packets left without a partner and not counted lost or unexplained, because the other side's capture itself
    /// dropped packets (its ring was full) and the partner may be among them: never more than it dropped. The evidence
    /// is incomplete there, and the verdict's text says so.
    /// </summary>
    public long CaptureLoss { get; init; }

    /// <summary>
    /// Nothing the router put out was wrong: no failed pair, nothing unexplained, duplicated or undecodable. What a
    /// broken path must still show (its packets may be lost before the router, but what crossed it is translated
    /// right); unlike <see cref="Conforms"/> it holds with no pair at all.
    /// </summary>
    public bool NoneMistranslated => Report.Failed == 0 && Report.Unexplained == 0 && Report.Duplicated == 0 && Report.Unjudgeable == 0;

    /// <summary>Every packet paired and conforming.</summary>
    public bool Conforms => Report.Conforms;

    /// <summary>Pairs judged whose packet has <paramref name="port"/> as source or destination port (53: DNS across the NAT64).</summary>
    public int PairsOnPort(int port) => Report.Rows.Count(r =>
        r.Outcome == PairingOutcome.Paired && r.Before is { } before
        && Packets.IpPacket.TryParse(before.Ip, embedded: false, out var ip, out _) && (ip.SourcePort == port || ip.DestinationPort == port));

    /// <summary>The report as text, with the router profile's accepted departures from RFC 7915.</summary>
    public override string ToString() =>
        Report.ToText() + (Excused > 0 ? $"\n{Excused} packets without a partner excused: it may lie in the stretch the other side's bounded capture left out" : "")
        + (OutsideOtherCapture > 0 ? $"\n{OutsideOtherCapture} packets without a partner excused: taken while the other side's capture was not running (before it started or after it stopped)" : "")
        + (CaptureLoss > 0 ? $"\n{CaptureLoss} packets without a partner not judged: the other side's capture dropped packets of its own, and the partner may be among them (the evidence is incomplete)" : "")
        + string.Concat(Router.Deviations.Select(d => $"\naccepted for {Router.Name}: {d}"));
}
