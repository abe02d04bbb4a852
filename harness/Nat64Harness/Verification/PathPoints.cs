using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// The capture points of an exchange in the order its packets pass them, and the names of the hops between them:
/// probe → [its TUN] → [underlay] → v6 bridge → NAT64 router → v4 bridge → echo server, and back the other way.
/// </summary>
internal sealed class PathPoints
{
    private static readonly CapturePoint[] Order = [CapturePoint.Tun, CapturePoint.Underlay, CapturePoint.V6Bridge, CapturePoint.V4Bridge];

    private PathPoints(IReadOnlyList<(CapturePoint Point, CaptureSummary Summary)> points) => Points = points;

    /// <summary>Every counted point of the run, in outbound order.</summary>
    public IReadOnlyList<(CapturePoint Point, CaptureSummary Summary)> Points { get; }

    /// <summary>The points that see packets whole (an underlay sees only encrypted datagrams), in outbound order.</summary>
    public IEnumerable<(CapturePoint Point, CaptureSummary Summary)> Inner => Points.Where(p => p.Point != CapturePoint.Underlay);

    /// <summary>The run's counted points, in path order.</summary>
    public static PathPoints Of(ExchangeRun run) => new(
        Order.Select(p => (Point: p, Summary: run.SummaryOf(p))).Where(p => p.Summary is not null).Select(p => (p.Point, p.Summary!)).ToList());

    /// <summary>The points in the order a packet going <paramref name="direction"/> passes them.</summary>
    public IEnumerable<(CapturePoint Point, CaptureSummary Summary)> Along(TrafficDirection direction) =>
        direction == TrafficDirection.Outbound ? Points : Points.Reverse();

    /// <summary>What a capture point is, for a reader.</summary>
    public static string Describe(CapturePoint point) => point.Name switch
    {
        "tun" => "the VPN's TUN",
        "underlay" => "the underlay",
        "v6" => "the v6 bridge",
        "v4" => "the v4 bridge",
        _ => point.Name,
    };

    /// <summary>The hop a packet going <paramref name="direction"/> crosses just before it reaches <paramref name="point"/> (its sender there).</summary>
    public string HopBefore(CapturePoint point, TrafficDirection direction)
    {
        var has = (CapturePoint p) => Points.Any(x => x.Point == p);
        if (direction == TrafficDirection.Outbound)
        {
            return point.Name switch
            {
                "tun" => "the app (the probe)",
                "underlay" => "the VPN client",
                "v6" => has(CapturePoint.Tun) ? "the per-app VPN" : has(CapturePoint.Underlay) ? "the VPN server" : "the probe",
                "v4" => "the NAT64 router",
                _ => "the hop before " + point.Name,
            };
        }

        return point.Name switch
        {
            "v4" => "the echo server",
            "v6" => "the NAT64 router",
            "underlay" => "the VPN server",
            "tun" => "the per-app VPN",
            _ => "the hop before " + point.Name,
        };
    }

    /// <summary>The hop after <paramref name="point"/> going <paramref name="direction"/> (its receiver).</summary>
    public string HopAfter(CapturePoint point, TrafficDirection direction)
    {
        var has = (CapturePoint p) => Points.Any(x => x.Point == p);
        if (direction == TrafficDirection.Outbound)
        {
            return point.Name switch
            {
                "tun" => "the per-app VPN",
                "underlay" => "the VPN server",
                "v6" => "the NAT64 router",
                "v4" => "the echo server",
                _ => "the hop after " + point.Name,
            };
        }

        return point.Name switch
        {
            "v4" => "the NAT64 router",
            "v6" => has(CapturePoint.Tun) ? "the per-app VPN" : has(CapturePoint.Underlay) ? "the VPN server" : "the probe",
            "underlay" => "the VPN client",
            "tun" => "the app's kernel (the probe)",
            _ => "the hop after " + point.Name,
        };
    }
}
