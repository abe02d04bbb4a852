using System.Globalization;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// Says why an exchange failed, from what was counted at every capture point (<see cref="CaptureSummary"/>), the
/// probe's TCP socket (<see cref="TcpSocketInfo"/>) and the kernels' counters. The cause is the first of these that
/// the evidence shows: packets a receiver must drop (bad checksum, bad length) and who sent them; a size limit
/// (full-size packets that never reach the next point while smaller ones do, named exactly once a size search
/// has run); an ICMP error sent back; the hop after the last point that saw the flow. Every fact is listed too.
/// </summary>
public static class ExchangeDiagnoser
{
    /// <summary>The smallest packet every IPv6 path must carry (RFC 8200 §5): where a size search starts.</summary>
    public const int MinimumIpv6Mtu = 1280;

    /// <summary>Diagnoses <paramref name="run"/>; <paramref name="sizeSearch"/> is the probe's answer to the search a first diagnosis asked for.</summary>
    public static ExchangeDiagnosis Diagnose(ExchangeRun run, ProbeResult? sizeSearch = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = PathPoints.Of(run);
        var socket = Socket(run.Result);
        var stalled = run.Result.Stalled || run.Result.Flows.Any(f => f.Stalled);
        var evidence = new List<string> { $"probe: {run.Result.Error ?? "reported success"}" };
        if (socket is not null)
        {
            evidence.Add($"probe's TCP socket: {socket}");
        }

        var progress = run.Result.Progress.Count > 0 ? run.Result.Progress : run.Result.Flows.FirstOrDefault(f => f.Progress.Count > 0)?.Progress ?? [];
        if (progress.Count > 0)
        {
            evidence.Add("progress (ms: acked/received): " + string.Join(", ", progress.TakeLast(5).Select(p => $"{p.TMs}: {p.Acked}/{p.Received}")));
        }

        foreach (var direction in new[] { TrafficDirection.Outbound, TrafficDirection.Inbound })
        {
            if (path.Points.Count > 0)
            {
                evidence.Add(Sightings(path, direction));
            }
        }

        var bad = BadPackets(path).ToList();
        evidence.AddRange(bad.Select(b => b.Line));
        var errors = path.Points.SelectMany(p => p.Summary.IcmpErrors.Select(e => (p.Point, Error: e))).ToList();
        evidence.AddRange(errors.Select(e => $"ICMP error at {PathPoints.Describe(e.Point)}: {e.Error}"));
        var counters = Counters(run).ToList();
        evidence.AddRange(counters.Select(c => $"counters {c}"));
        evidence.AddRange(path.Points.Where(p => p.Summary.Incomplete)
            .Select(p => $"the capture at {PathPoints.Describe(p.Point)} itself lost {p.Summary.CaptureDrops} packets (counts there are a lower bound){(p.Summary.Reader is { } r ? $": {r}" : string.Empty)}"));

        var lastHop = LastSeen(path);
        evidence.Add($"last seen going out: {(lastHop is { } l ? PathPoints.Describe(l) : "no capture point")}");

        var (cause, search) = bad.Count > 0 ? (bad[0].Cause, null)
            : SizeLimit(path, socket, sizeSearch) is { } limit ? limit
            : errors.FirstOrDefault(e => e.Error.Direction == TrafficDirection.Inbound).Error is { } error ? ($"{error.Name} from {error.Source}", null)
            : (Lost(path, run.Result), ((int, int)?)null);
        if (sizeSearch is not null)
        {
            evidence.Add($"size search: {SizeSearchText(sizeSearch)}");
        }

        return new ExchangeDiagnosis(cause, evidence, lastHop is { } hop ? hop.Name : "none", stalled) { SizeSearch = search };
    }

    private static TcpSocketInfo? Socket(ProbeResult result) =>
        result.SocketInfo ?? result.Flows.FirstOrDefault(f => !f.Ok && f.SocketInfo is not null)?.SocketInfo;

    private static string Sightings(PathPoints path, TrafficDirection direction)
    {
        var parts = path.Along(direction).Select(p =>
        {
            var d = p.Summary.Of(direction);
            if (d.Packets == 0)
            {
                return $"{p.Point}: none";
            }

            var largest = d.LargestSizes.Count > 0 ? $"largest {d.Largest} B ×{d.LargestSizes[0].Count}" : "";
            var tcp = d.TcpSegments > 0 ? $", TCP data {d.TcpStreamBytes} B in {d.TcpSegments} segments, {d.TcpRetransmissions} resent" : "";
            return $"{p.Point}: {d.Packets} packets, {largest}{tcp}";
        });
        return $"{(direction == TrafficDirection.Outbound ? "toward the echo server" : "back toward the probe")}: {string.Join("; ", parts)}";
    }

    private static IEnumerable<(string Cause, string Line)> BadPackets(PathPoints path)
    {
        foreach (var (point, summary) in path.Inner)
        {
            foreach (var direction in new[] { TrafficDirection.Inbound, TrafficDirection.Outbound })
            {
                var d = summary.Of(direction);
                if (d.BadChecksums + d.BadLengths == 0)
                {
                    continue;
                }

                var sender = path.HopBefore(point, direction);
                var receiver = path.HopAfter(point, direction);
                var what = d.BadChecksums > 0
                    ? $"{d.BadChecksums} packets with a checksum that does not verify{(d.BadChecksumsOddLength == d.BadChecksums ? ", every one of odd length" : d.BadChecksumsOddLength > 0 ? $" ({d.BadChecksumsOddLength} of odd length)" : "")}"
                    : $"{d.BadLengths} packets whose length field disagrees with their bytes";
                if (d.BadChecksums > 0 && d.BadLengths > 0)
                {
                    what += $", and {d.BadLengths} with a bad length field";
                }

                var cause = $"{what} sent by {sender} ({PathPoints.Describe(point)}, {(direction == TrafficDirection.Inbound ? "toward the probe" : "toward the echo server")}): {receiver} drops them";
                yield return (cause, $"{PathPoints.Describe(point)}: {what}; e.g. {string.Join("; ", d.Examples)}");
            }
        }
    }

    // Full-size packets leave the probe's side and never reach the next point while smaller ones do.
    private static (string, (int, int)?)? SizeLimit(PathPoints path, TcpSocketInfo? socket, ProbeResult? search)
    {
        var inner = path.Inner.ToList();
        if (inner.Count == 0)
        {
            return null;
        }

        // What the probe's side sent: its TUN's outbound packets when captured, else the socket's full-size packets.
        var first = inner[0].Point == CapturePoint.Tun ? inner[0] : ((CapturePoint, CaptureSummary)?)null;
        var sent = first is { } f ? f.Item2.Outbound.Largest : socket is { Pmtu: > 0, DataSegsOut: > 0 } s ? s.Pmtu : 0;
        var next = inner.FirstOrDefault(p => p.Point != CapturePoint.Tun);
        if (sent == 0 || next.Summary is null)
        {
            return null;
        }

        // Something smaller crossed (else nothing did: not a size), and the probe's side lost or resent data.
        var reached = next.Summary.Outbound.Largest;
        var resent = socket is { } info && info.Lost + info.Retrans + info.TotalRetrans > 0 || first is { } tun && tun.Item2.Outbound.TcpRetransmissions > 0;
        if (reached == 0 || reached >= sent || !resent)
        {
            return null;
        }

        var lost = socket is { } tcp && tcp.Lost + tcp.Retrans > 0 ? Math.Max(tcp.Lost, tcp.Retrans)
            : first is { } t ? t.Item2.Outbound.CountOf(sent) : 0;
        var hop = first is not null ? "the per-app VPN" : path.Points.Any(p => p.Point == CapturePoint.Underlay) ? "the tunnel" : "the path";
        var segments = $"{lost.ToString(CultureInfo.InvariantCulture)} full-size segments ({sent} B) lost";
        if (search is { Largest: { } largest })
        {
            return largest >= sent
                ? ($"{segments}, although packets of {largest} B cross when sent alone: the loss is not the packets' size", null)
                : ($"{segments}, packets ≤ {largest} B delivered: {hop} drops packets above {largest} bytes", null);
        }

        if (search is not null)
        {
            return ($"{segments}; not even {MinimumIpv6Mtu} B cross ({search.Error}): {hop} carries less than IPv6's minimum MTU (RFC 8200 §5)", null);
        }

        return ($"{segments}: none reached {PathPoints.Describe(next.Point)}, whose largest packet from the probe was {reached} B: {hop} drops packets larger than somewhere between {reached} and {sent} B",
            (Math.Max(MinimumIpv6Mtu, reached), sent));
    }

    private static string Lost(PathPoints path, ProbeResult result)
    {
        if (path.Points.Count == 0)
        {
            return $"the probe says: {result.Error}";
        }

        var inner = path.Inner.ToList();
        var outbound = inner.LastOrDefault(p => p.Summary.Outbound.Packets > 0);
        if (outbound.Summary is null)
        {
            var firstPoint = inner.Count > 0 ? inner[0].Point : path.Points[0].Point;
            if (path.Points.FirstOrDefault(p => p.Point == CapturePoint.Underlay).Summary is { } underlay)
            {
                return underlay.Outbound.Packets > 0
                    ? $"nothing of the exchange reached {PathPoints.Describe(firstPoint)}, though the tunnel carried {underlay.Outbound.Packets} datagrams to the VPN server: the VPN server did not forward it"
                    : $"nothing of the exchange reached {PathPoints.Describe(firstPoint)}, and the underlay carried nothing toward the VPN server: the VPN client did not send it into the tunnel";
            }

            return $"nothing of the exchange reached {PathPoints.Describe(firstPoint)}: it was lost at {path.HopBefore(firstPoint, TrafficDirection.Outbound)}";
        }

        if (outbound.Point != inner[^1].Point)
        {
            var next = inner[inner.FindIndex(p => p.Point == outbound.Point) + 1].Point;
            return $"the flow reached {PathPoints.Describe(outbound.Point)} but never {PathPoints.Describe(next)}: {path.HopAfter(outbound.Point, TrafficDirection.Outbound)} dropped it";
        }

        var inbound = inner.Where(p => p.Summary.Inbound.Packets > 0).Select(p => p.Point).ToList();
        if (inbound.Count == 0)
        {
            return $"the requests reached {PathPoints.Describe(outbound.Point)}, and nothing came back: {path.HopAfter(outbound.Point, TrafficDirection.Outbound)} did not answer";
        }

        // Points are in outbound order: the first that saw replies is the last they reached on their way back.
        var lastBack = inbound[0];
        if (lastBack != inner[0].Point)
        {
            return $"replies reached {PathPoints.Describe(lastBack)} on their way back and went no further: {path.HopAfter(lastBack, TrafficDirection.Inbound)} dropped them";
        }

        return $"every hop carried packets both ways; the probe says: {result.Error}";
    }

    private static CapturePoint? LastSeen(PathPoints path) =>
        path.Inner.LastOrDefault(p => p.Summary.Outbound.Packets > 0) is { Summary: not null } last ? last.Point : null;

    private static IEnumerable<CounterChanges> Counters(ExchangeRun run)
    {
        var probe = new CounterChanges("probe's namespace", run.Result.Counters);
        return new[] { probe }.Concat(run.Counters).Where(c => c.Drops.Any());
    }

    private static string SizeSearchText(ProbeResult search) => search.Largest is { } largest
        ? $"largest IPv6 packet to cross and come back {largest} B{(search.SmallestLost is { } lost ? $", {lost} B did not" : "")}"
        : $"failed: {search.Error}";
}
