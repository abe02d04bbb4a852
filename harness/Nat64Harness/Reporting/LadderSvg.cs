using System.Globalization;
using System.Net;

namespace Nat64Harness.Reporting;

/// <summary>
/// Draws a <see cref="Ladder"/> as inline SVG: one band per capture point between the lifelines of the hops
/// around it, one arrow (<c>g.pkt</c>) per drawn packet, and a link (<c>path.pairlink</c>) from each packet to
/// its translation across the router.
/// </summary>
internal static class LadderSvg
{
    private const int Gutter = 90;
    private const int BandWidth = 300;
    private const int Top = 46;
    private const int Row = 22;

    public static void Write(TextWriter w, Ladder ladder)
    {
        var width = Gutter + (ladder.Bands.Count * BandWidth) + 90;
        var height = Top + (ladder.Packets.Count * Row) + 16;
        w.WriteLine(Inv($"<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"));
        for (var i = 0; i < ladder.Lifelines.Count; i++)
        {
            var x = X(i);
            w.WriteLine(Inv($"<text class=\"head\" x=\"{x}\" y=\"14\" text-anchor=\"middle\">{E(ladder.Lifelines[i])}</text>"));
            w.WriteLine(Inv($"<line class=\"life\" x1=\"{x}\" y1=\"20\" x2=\"{x}\" y2=\"{height}\"/>"));
        }

        for (var i = 0; i < ladder.Bands.Count; i++)
        {
            w.WriteLine(Inv($"<text class=\"band\" x=\"{X(i) + (BandWidth / 2)}\" y=\"34\" text-anchor=\"middle\">{E(LadderLayout.Band(ladder.Bands[i]))} ({ladder.Bands[i]})</text>"));
        }

        var band = ladder.Bands.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var start = ladder.Packets.Count > 0 ? ladder.Packets[0].Timestamp : default;
        var ends = new Dictionary<int, List<(double X1, double X2, double Y, bool Failed)>>();
        for (var row = 0; row < ladder.Packets.Count; row++)
        {
            var p = ladder.Packets[row];
            var b = band[p.Point];
            var y = Top + (row * Row) + 14;
            var (x1, x2) = p.Direction == LadderDirection.Outbound ? (X(b) + 6, X(b + 1) - 6) : (X(b + 1) - 6, X(b) + 6);
            var head = p.Direction == LadderDirection.Outbound ? -7 : 7;
            var classes = "pkt" + (p.Failed ? " fail" : string.Empty) + (p.PairId is null ? " unpaired" : string.Empty);
            var pair = p.PairId is { } id ? Inv($" data-pair=\"{id}\"") : string.Empty;
            var outcome = p.Outcome is { } o ? $" data-outcome=\"{E(o)}\"" : string.Empty;
            w.Write(Inv($"<g class=\"{classes}\" data-point=\"{E(p.Point.Name)}\" data-index=\"{p.Index}\" data-direction=\"{(p.Direction == LadderDirection.Outbound ? "out" : "in")}\"{pair}{outcome}>"));
            w.Write(Inv($"<title>{E(p.Detail)}{(p.Outcome is null ? string.Empty : " — oracle: " + E(p.Outcome))}</title>"));
            w.Write(Inv($"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\"/>"));
            w.Write(Inv($"<polygon points=\"{x2},{y} {x2 + head},{y - 4} {x2 + head},{y + 4}\"/>"));
            w.Write(Inv($"<text x=\"{X(b) + (BandWidth / 2)}\" y=\"{y - 4}\" text-anchor=\"middle\">{E(Clip(p.Label))}</text>"));
            w.WriteLine("</g>");
            w.WriteLine(Inv($"<text class=\"t\" x=\"4\" y=\"{y + 4}\">+{(p.Timestamp - start).TotalMilliseconds:F3} ms</text>"));
            if (p.PairId is { } pairId)
            {
                if (!ends.TryGetValue(pairId, out var list))
                {
                    ends[pairId] = list = [];
                }

                list.Add((x1, x2, y, p.Failed));
            }
        }

        foreach (var (id, list) in ends.Where(e => e.Value.Count == 2))
        {
            // Join the two ends nearest each other: on either side of the router for a translation, at the
            // router's edge for an error it returned.
            var (a, b) = (list[0], list[1]);
            var (ax, bx) = new[] { (a.X1, b.X1), (a.X1, b.X2), (a.X2, b.X1), (a.X2, b.X2) }.MinBy(c => Math.Abs(c.Item1 - c.Item2));
            var control = Math.Abs(ax - bx) < 2 ? ax + 24 : (ax + bx) / 2;
            w.WriteLine(Inv($"<path class=\"pairlink{(a.Failed || b.Failed ? " fail" : string.Empty)}\" data-pair=\"{id}\" d=\"M {ax} {a.Y} C {control} {a.Y} {control} {b.Y} {bx} {b.Y}\"/>"));
        }

        w.WriteLine("</svg>");
    }

    private static int X(int lifeline) => Gutter + (lifeline * BandWidth);

    private static string Clip(string label) => label.Length <= 44 ? label : label[..43] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
