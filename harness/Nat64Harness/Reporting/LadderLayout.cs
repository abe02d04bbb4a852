using Nat64Harness.Model;

namespace Nat64Harness.Reporting;

/// <summary>
/// Where each capture point sits on the path, probe on the left, IPv4 echo server on the right: its band in the
/// ladder, between two lifelines (the hops on either side of it). A capture point the layout does not know is
/// drawn after the known ones with its own name.
/// </summary>
public static class LadderLayout
{
    private static readonly (string Point, string Band, string Left, string Right)[] Known =
    [
        (CapturePoint.Tun.Name, "TUN (written by the VPN)", "app (probe)", "per-app VPN"),
        (CapturePoint.Underlay.Name, "underlay", "VPN client (probe)", "VPN server"),
        (CapturePoint.V6Bridge.Name, "router IPv6 side", "probe", "NAT64 router"),
        (CapturePoint.V4Bridge.Name, "router IPv4 side", "NAT64 router", "echo (IPv4 only)"),
    ];

    /// <summary>The capture points in path order.</summary>
    public static IReadOnlyList<CapturePoint> Order(IEnumerable<CapturePoint> points) =>
        [.. points.Distinct().Select((p, i) => (p, i)).OrderBy(x => Rank(x.p)).ThenBy(x => x.i).Select(x => x.p)];

    /// <summary>The band title of a capture point.</summary>
    public static string Band(CapturePoint point) => Find(point)?.Band ?? point.Name;

    /// <summary>The lifelines around <paramref name="ordered"/> bands: one more than the bands.</summary>
    public static IReadOnlyList<string> Lifelines(IReadOnlyList<CapturePoint> ordered)
    {
        var lines = new List<string>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var known = Find(ordered[i]);
            if (i == 0)
            {
                lines.Add(known?.Left ?? $"{ordered[i].Name} (left)");
            }

            lines.Add(known?.Right ?? $"{ordered[i].Name} (right)");
        }

        return lines;
    }

    private static int Rank(CapturePoint point)
    {
        var i = Array.FindIndex(Known, k => k.Point == point.Name);
        return i < 0 ? Known.Length : i;
    }

    private static (string Point, string Band, string Left, string Right)? Find(CapturePoint point)
    {
        var i = Array.FindIndex(Known, k => k.Point == point.Name);
        return i < 0 ? null : Known[i];
    }
}
