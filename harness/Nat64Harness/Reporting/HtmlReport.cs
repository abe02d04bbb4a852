using System.Globalization;
using System.Net;
using System.Text;

namespace Nat64Harness.Reporting;

/// <summary>
/// A run as one self-contained HTML file (<c>report.html</c> beside the pcaps): the summary, the router's profile,
/// per exchange a packet ladder (one band per capture point, one arrow per packet, translations linked across
/// the router, failed fields in red with expected, seen and RFC clause) and links to its pcaps, then the fault
/// matrix and the cross-translator table when the run has them. Written as it goes: one exchange's ladder is in
/// memory at a time, and each is bounded (<see cref="LadderLimits"/>).
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report to <paramref name="path"/>; links to pcaps are relative to its folder.</summary>
    public static void Save(ReportDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(document, writer, folder);
    }

    /// <summary>Writes the report to <paramref name="w"/>; pcap links are made relative to <paramref name="folder"/>.</summary>
    public static void Write(ReportDocument document, TextWriter w, string folder)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlAssets.ContentSecurityPolicy}\">");
        w.WriteLine($"<title>{E(document.Title)}</title><style>{HtmlAssets.Style}</style></head><body>");
        w.WriteLine($"<h1>{E(document.Title)}</h1>");
        WriteSummary(document, w, folder);
        WriteRouter(document, w);
        var n = 0;
        foreach (var exchange in document.Exchanges)
        {
            WriteExchange(document, exchange, ++n, w, folder);
        }

        if (document.FaultMatrix is { } matrix)
        {
            w.WriteLine($"<section id=\"fault-matrix\"><h2>Fault matrix</h2><pre>{E(matrix)}</pre></section>");
        }

        if (document.CrossTranslator is { } cross)
        {
            WriteCross(cross.A, cross.B, cross.Rows, w);
        }

        w.WriteLine($"<script>{HtmlAssets.Script}</script>");
        w.WriteLine("</body></html>");
    }

    private static void WriteSummary(ReportDocument d, TextWriter w, string folder)
    {
        var passed = d.Exchanges.Count(x => x.Passed);
        w.WriteLine(Inv($"<section id=\"summary\" data-passed=\"{passed}\" data-failed=\"{d.Exchanges.Count - passed}\"><h2>Summary</h2><table>"));
        foreach (var (label, value) in d.Facts)
        {
            w.WriteLine($"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
        }

        w.WriteLine(Inv($"<tr><th>verdict</th><td class=\"{(passed == d.Exchanges.Count ? "pass" : "fail")}\">{passed} passed, {d.Exchanges.Count - passed} failed</td></tr></table>"));
        w.WriteLine("<table><tr><th>exchange</th><th>probe</th><th>oracle</th><th>time ms</th><th>pcaps</th></tr>");
        var n = 0;
        foreach (var x in d.Exchanges)
        {
            var probe = x.ProbeOk switch { true => "<span class=\"pass\">ok</span>", false => "<span class=\"fail\">FAIL</span>", null => "–" };
            var oracle = x.Pairing is { } r
                ? Inv($"<span class=\"{(r.Conforms ? "pass" : "fail")}\">{(r.Conforms ? "conform" : "FAIL")} {r.Passed}/{r.Paired} pairs</span>")
                : x.Note is null ? "not captured" : "not judged";
            var time = double.IsNaN(x.ElapsedMs) ? "–" : x.ElapsedMs.ToString("F1", CultureInfo.InvariantCulture);
            w.WriteLine(Inv($"<tr class=\"{(x.Passed ? "pass" : "fail")}\"><td><a href=\"#x{++n}\">{E(x.Name)}</a></td><td>{probe}</td><td>{oracle}</td><td>{time}</td><td>{PcapLinks(x, folder)}</td></tr>"));
        }

        w.WriteLine("</table></section>");
    }

    private static void WriteRouter(ReportDocument d, TextWriter w)
    {
        if (d.Router is not { } router)
        {
            return;
        }

        w.WriteLine("<section id=\"router\"><h2>Router profile</h2><table>");
        w.WriteLine($"<tr><th>name</th><td>{E(router.Name)}</td></tr>");
        w.WriteLine(Inv($"<tr><th>forwarding hops</th><td>{router.ForwardingHops} (TTL / hop limit decrements besides the translation)</td></tr>"));
        w.WriteLine($"<tr><th>DF rule</th><td>{E(router.DontFragment.ToString())}</td></tr>");
        if (router.StatefulPorts is { } ports)
        {
            w.WriteLine($"<tr><th>stateful</th><td>RFC 6146, pool4 ports {E(ports.ToString())}</td></tr>");
        }

        w.WriteLine($"<tr><th>accepted deviations</th><td>{(router.Deviations.Count == 0 ? "none" : string.Join("<br>", router.Deviations.Select(E)))}</td></tr>");
        w.WriteLine("</table></section>");
    }

    private static void WriteExchange(ReportDocument d, ReportExchange x, int n, TextWriter w, string folder)
    {
        var captured = x.Captures.Count > 0;
        var ladder = captured ? LadderBuilder.Build(x, x.Prefix ?? d.Prefix, d.ProbeSide, d.Limits) : null;
        w.WriteLine(Inv($"<section class=\"exchange\" id=\"x{n}\" data-exchange=\"{E(x.Name)}\" data-passed=\"{(x.Passed ? "true" : "false")}\" data-packets=\"{ladder?.TotalPackets ?? 0}\" data-omitted=\"{ladder?.Omitted ?? 0}\">"));
        w.WriteLine($"<h2>{E(x.Name)} <span class=\"{(x.Passed ? "pass" : "fail")}\">{(x.Passed ? "passed" : "FAILED")}</span></h2>");
        if (x.ProbeOk == false)
        {
            w.WriteLine($"<p class=\"fail\">probe: {E(x.ProbeError ?? "failed")}</p>");
        }

        if (ladder is null)
        {
            w.WriteLine("<p class=\"note\">not captured (the probe's own checks are the evidence)</p></section>");
            return;
        }

        w.WriteLine($"<p>pcaps: {PcapLinks(x, folder)}</p>");
        if (x.Pairing is { } report)
        {
            var excused = (x.Excused > 0 ? Inv($"; {x.Excused} excused (partner in the stretch the other side's bounded capture left out)") : string.Empty)
                + (x.OutsideOtherCapture > 0 ? Inv($"; {x.OutsideOtherCapture} excused (taken while the other side's capture was not running)") : string.Empty)
                + (x.CaptureLoss > 0 ? Inv($"; {x.CaptureLoss} not judged (the other side's capture dropped packets of its own: the evidence is incomplete)") : string.Empty);
            w.WriteLine(Inv($"<p>oracle: {report.Paired} judged ({report.Passed} passed, {report.Failed} failed), {report.Lost} lost, {report.Unexplained} unexplained, {report.Duplicated} duplicated, {report.NotAnswered} not answered, {report.AmbiguousDirections} ambiguous directions{E(excused)}</p>"));
        }

        if (x.CoverageNote is { } note)
        {
            w.WriteLine($"<p class=\"note coverage\">{E(note)}</p>");
        }

        if (x.Note is { } why)
        {
            w.WriteLine($"<p class=\"note verdict {(x.Passed ? "pass" : "fail")}\">{E(why)}</p>");
        }

        foreach (var error in ladder.Errors)
        {
            w.WriteLine($"<p class=\"fail\">unreadable: {E(error)}</p>");
        }

        var counts = string.Join(", ", ladder.PacketsCaptured.Select(c => Inv($"{c.Key}: {c.Value}")));
        w.WriteLine(Inv($"<p class=\"note\">packets captured: {counts}{(ladder.Omitted > 0 ? $"; {ladder.Omitted} not drawn (over the limit of {d.Limits.MaxArrows}: open the pcaps)" : string.Empty)}{(ladder.NonIpFrames > 0 ? $"; {ladder.NonIpFrames} non-IP frames not drawn" : string.Empty)}</p>"));
        LadderSvg.Write(w, ladder);
        WriteFailures(ladder, w);
        w.WriteLine("</section>");
    }

    private static void WriteFailures(Ladder ladder, TextWriter w)
    {
        if (ladder.Failures.Count == 0)
        {
            return;
        }

        w.WriteLine("<table class=\"failures\"><tr><th>pair</th><th>packets</th><th>outcome</th><th>field</th><th>expected</th><th>seen</th><th>RFC clause</th></tr>");
        foreach (var f in ladder.Failures)
        {
            var packets = E(string.Join(", ", f.Packets));
            var rows = f.Fields.Count > 0 ? f.Fields.Select(c => (c.Field, c.Expected, c.Seen, c.RfcClause)) : [("–", "–", "–", "–")];
            foreach (var (field, expected, seen, rfc) in rows)
            {
                w.WriteLine(Inv($"<tr class=\"failure\" data-pair=\"{f.PairId}\"><td>{f.PairId}</td><td>{packets}</td><td>{E(f.Outcome.ToString())}</td><td class=\"field\">{E(field)}</td><td class=\"expected mono\">{E(expected)}</td><td class=\"seen mono\">{E(seen)}</td><td class=\"rfc\">{E(rfc)}</td></tr>"));
            }

            w.WriteLine(Inv($"<tr class=\"failure-flow\" data-pair=\"{f.PairId}\"><td></td><td colspan=\"6\" class=\"mono\">{E(f.Description)}</td></tr>"));
        }

        w.WriteLine("</table>");
        if (ladder.FailuresOmitted > 0)
        {
            w.WriteLine(Inv($"<p class=\"note\">{ladder.FailuresOmitted} more failed pairs not listed</p>"));
        }
    }

    private static void WriteCross(string a, string b, IReadOnlyList<Model.CrossDifference> rows, TextWriter w)
    {
        w.WriteLine($"<section id=\"cross-translator\"><h2>Cross-translator differences ({E(a)} vs {E(b)})</h2>");
        if (rows.Count == 0)
        {
            w.WriteLine("<p>no field differs</p></section>");
            return;
        }

        w.WriteLine($"<table><tr><th>scenario</th><th>side</th><th>packet</th><th>field</th><th>{E(a)}</th><th>{E(b)}</th><th>RFC</th></tr>");
        foreach (var r in rows)
        {
            w.WriteLine(Inv($"<tr><td>{E(r.Scenario)}</td><td>{E(r.Side)}</td><td>{r.Packet}</td><td>{E(r.Field)}</td><td class=\"mono\">{E(r.A)}</td><td class=\"mono\">{E(r.B)}</td><td>{E(r.Rfc)}</td></tr>"));
        }

        w.WriteLine("</table></section>");
    }

    private static string PcapLinks(ReportExchange x, string folder) =>
        string.Join(' ', x.Captures.Select(c =>
        {
            var relative = Path.GetRelativePath(folder, Path.GetFullPath(c.Path)).Replace('\\', '/');
            var href = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
            return $"<a class=\"pcap\" href=\"{E(href)}\">{E(Path.GetFileName(c.Path))}</a>";
        }));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
