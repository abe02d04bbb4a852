using System.Globalization;
using System.Text;
using System.Xml;
using Nat64Harness.Oracle;
using Nat64Harness.Packets;

namespace Nat64Harness.Reporting;

/// <summary>
/// JUnit XML (the common subset Jenkins, GitLab and the JUnit 5 reports read: <c>testsuites</c> › <c>testsuite</c>
/// › <c>testcase</c> with <c>failure</c>), for CI systems that do not read TRX.
/// </summary>
public static class JunitReport
{
    /// <summary>Writes <paramref name="suites"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<JunitSuite> suites)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = File.Create(path);
        Write(stream, suites);
    }

    /// <summary>Writes <paramref name="suites"/> as UTF-8 XML.</summary>
    public static void Write(Stream stream, IReadOnlyList<JunitSuite> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        using var x = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        x.WriteStartDocument();
        x.WriteStartElement("testsuites");
        x.WriteAttributeString("name", "nat64h");
        x.WriteAttributeString("tests", Count(suites.Sum(s => s.Cases.Count)));
        x.WriteAttributeString("failures", Count(suites.Sum(s => s.Cases.Count(c => c.Failure is not null))));
        x.WriteAttributeString("time", Seconds(suites.Sum(s => s.Cases.Sum(c => c.Seconds))));
        var timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var suite in suites)
        {
            x.WriteStartElement("testsuite");
            x.WriteAttributeString("name", suite.Name);
            x.WriteAttributeString("tests", Count(suite.Cases.Count));
            x.WriteAttributeString("failures", Count(suite.Cases.Count(c => c.Failure is not null)));
            x.WriteAttributeString("errors", "0");
            x.WriteAttributeString("skipped", Count(suite.Cases.Count(c => c.Skipped)));
            x.WriteAttributeString("time", Seconds(suite.Cases.Sum(c => c.Seconds)));
            x.WriteAttributeString("timestamp", timestamp);
            if (suite.Properties.Count > 0)
            {
                x.WriteStartElement("properties");
                foreach (var (name, value) in suite.Properties)
                {
                    x.WriteStartElement("property");
                    x.WriteAttributeString("name", name);
                    x.WriteAttributeString("value", value);
                    x.WriteEndElement();
                }

                x.WriteEndElement();
            }

            foreach (var c in suite.Cases)
            {
                x.WriteStartElement("testcase");
                x.WriteAttributeString("name", c.Name);
                x.WriteAttributeString("classname", c.ClassName);
                x.WriteAttributeString("time", Seconds(c.Seconds));
                if (c.Failure is { } failure)
                {
                    x.WriteStartElement("failure");
                    x.WriteAttributeString("message", failure);
                    x.WriteAttributeString("type", "nat64h.verdict");
                    x.WriteString(Clean(c.Detail));
                    x.WriteEndElement();
                }
                else if (c.Skipped)
                {
                    x.WriteStartElement("skipped");
                    x.WriteString(Clean(c.Detail));
                    x.WriteEndElement();
                }
                else if (c.Detail.Length > 0)
                {
                    x.WriteElementString("system-out", Clean(c.Detail));
                }

                x.WriteEndElement();
            }

            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndDocument();
    }

    /// <summary>The suite of a live run: one case per exchange, failed when the probe or the oracle failed it.</summary>
    public static JunitSuite RunSuite(Model.RunInfo run, IEnumerable<RunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rows);
        var className = $"nat64h.run.{run.Router.ToString().ToLowerInvariant()}.{run.Vpn}";
        var cases = rows.Select(r =>
        {
            var seconds = double.IsNaN(r.Run.Result.ElapsedMs) ? 0 : r.Run.Result.ElapsedMs / 1000;
            var verdict = r.Verdict is null ? "not judged" : r.Verdict.ToString();
            var failure = !r.Run.Result.Ok ? $"probe: {r.Run.Result.Error}"
                : r.Verdict is { Conforms: false } v ? string.Create(CultureInfo.InvariantCulture, $"oracle: {v.Report.Failed} failed, {v.Report.Lost} lost, {v.Report.Unexplained} unexplained of {v.Report.Paired} judged")
                : null;
            return new JunitCase(r.Run.Name, className, seconds, failure, $"pcaps: {string.Join(' ', r.Run.Pcaps.Select(Path.GetFileName))}\n{verdict}");
        }).ToList();
        return new JunitSuite($"run {run.RunId}", cases,
        [
            ("router", run.Router.ToString().ToLowerInvariant()),
            ("vpn", run.Vpn),
            ("prefix", run.Plan.Prefix.ToString()),
            ("captures", run.Directory),
        ]);
    }

    /// <summary>
    /// The cases of a pairing report, one per pair group: the rows of one flow (protocol, addresses, ports or ICMP
    /// identifier, in either direction) make one case, failed when any of its rows failed. Rows the report left
    /// out (passing rows past its row limit) are counted in a last case.
    /// </summary>
    public static IReadOnlyList<JunitCase> PairGroups(PairingReport report, string className)
    {
        ArgumentNullException.ThrowIfNull(report);
        var groups = new Dictionary<string, (List<PairingEvent> Rows, int Order)>();
        foreach (var e in report.Rows)
        {
            var key = FlowKey(e);
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = ([], groups.Count);
            }

            g.Rows.Add(e);
        }

        var cases = groups.OrderBy(g => g.Value.Order).Select(g => Case(g.Key, g.Value.Rows, className)).ToList();
        if (report.RowsOmitted > 0)
        {
            cases.Add(new JunitCase("passing rows not listed", className, 0, null, $"{report.RowsOmitted} passing rows past the row limit"));
        }

        if (cases.Count == 0)
        {
            cases.Add(new JunitCase("no packet judged", className, 0, "nothing was paired: the captures hold no translation", report.ToText()));
        }

        return cases;
    }

    private static JunitCase Case(string flow, List<PairingEvent> rows, string className)
    {
        var failed = rows.Where(r => !r.Passed).ToList();
        var detail = new StringBuilder();
        foreach (var r in failed)
        {
            detail.AppendLine(CultureInfo.InvariantCulture, $"{r.Outcome}: {r.Verdict?.Description ?? flow} (before #{r.Before?.Index.ToString(CultureInfo.InvariantCulture) ?? "-"}, after #{r.After?.Index.ToString(CultureInfo.InvariantCulture) ?? "-"})");
            foreach (var f in r.Verdict?.Failures ?? [])
            {
                detail.AppendLine(CultureInfo.InvariantCulture, $"  {f.Field}: expected {f.Expected}; seen {f.Seen}  [{f.RfcClause}]");
            }
        }

        var first = rows.Select(r => (r.Before ?? r.After)?.Timestamp).Where(t => t is not null).Min();
        var last = rows.Select(r => (r.After ?? r.Before)?.Timestamp).Where(t => t is not null).Max();
        var seconds = first is { } a && last is { } b ? Math.Max(0, (b - a).TotalSeconds) : 0;
        var failure = failed.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{failed.Count} of {rows.Count} rows failed: {string.Join(", ", failed.Select(r => r.Verdict?.Failures.FirstOrDefault()?.Field ?? r.Outcome.ToString().ToLowerInvariant()).Distinct())}");
        var summary = failed.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows passed") : detail.ToString();
        return new JunitCase(flow, className, seconds, failure, summary);
    }

    // A flow in either direction: both endpoints in a fixed order, so a request and its reply share a case.
    private static string FlowKey(PairingEvent e)
    {
        var v6 = e.Before is { IpVersion: 6 } ? e.Before : e.After is { IpVersion: 6 } ? e.After : null;
        if ((v6 ?? e.Before ?? e.After) is not { } packet || !IpPacket.TryParse(packet.Ip, embedded: false, out var p, out _))
        {
            return e.Outcome.ToString().ToLowerInvariant();
        }

        var proto = p.Protocol switch { IpProtocol.Tcp => "TCP", IpProtocol.Udp => "UDP", IpProtocol.Icmp => "ICMP", IpProtocol.IcmpV6 => "ICMPv6", var n => $"proto {n}" };
        string End(System.Net.IPAddress a, ushort? port) => port is { } n ? $"[{a}]:{n}" : a.ToString();
        var (x, y) = (End(p.Source, p.SourcePort), End(p.Destination, p.DestinationPort));
        if (string.CompareOrdinal(x, y) > 0)
        {
            (x, y) = (y, x);
        }

        var kind = p.Icmp is { IsError: true } icmp ? $" error {icmp.Type}/{icmp.Code}" : p.Icmp is { } echo ? $" id {echo.Identifier}" : string.Empty;
        return $"{proto} {x} ⇄ {y}{kind}";
    }

    private static string Clean(string text) =>
        new([.. text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch))]);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);
}
