using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Oracle;
using Nat64Harness.Reporting;
using Nat64Harness.Verification;

namespace Nat64Harness.Cli;

/// <summary>
/// `nat64h report captures/&lt;run&gt;`: report.html of a run folder from its pcaps alone (a test's kept captures, a
/// run copied from elsewhere): each exchange's router sides judged again, every capture point drawn. No Docker.
/// </summary>
internal static partial class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A run's folder: NN-<exchange>-<point>.pcap files" };
        var prefix = new Option<string?>("--prefix") { Description = "NAT64 prefix of the run; by default the folder's run.json's, else 64:ff9b::/96" };
        var router = new Option<string?>("--router") { Description = "Router profile (tayga, jool, rfc7915); by default the folder's run.json's, else jool when the folder's name says -jool, else tayga" };
        var block = new Option<int?>("--block") { Description = "The run's address block (its pool4); by default the folder's run.json's, else read from the folder's name (-bN)" };
        var html = new Option<FileInfo?>("--html") { Description = "Where to write the page (default: report.html in the folder)" };
        var junit = CliOptions.Junit();
        var command = new Command("report", "Write report.html for a run folder from its pcaps; exit 0 when every judged exchange conforms, 1 when not, 2 on unreadable input")
        {
            folder, prefix, router, block, html, junit,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!.FullName;
            try
            {
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
                var recorded = RunRecord.Load(path);
                var profile = parse.GetValue(router) is { } r ? RouterProfile.Find(r) : recorded?.Router ?? RouterProfile.Find(name.Contains("-jool", StringComparison.Ordinal) ? "jool" : "tayga");
                var nat64 = parse.GetValue(prefix) is { } p ? Nat64Prefix.Parse(p) : recorded?.Prefix ?? Nat64Prefix.WellKnown;
                var n = parse.GetValue(block) ?? recorded?.Block ?? (BlockSuffix().Match(name) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null);
                var setup = new TranslatorSetup(profile, nat64, n is { } b ? new AddressPlan(b, nat64).Pool4 : null);
                var exchanges = Exchanges(path).Select(x => Judge(Path.Combine(path, $"{x.Order}-{x.Name}"), x.Name, x.Captures, setup)).ToList();
                if (exchanges.Count == 0)
                {
                    Console.Error.WriteLine($"nat64h report: {path} holds no NN-<exchange>-<point>.pcap file");
                    return 2;
                }

                var plan = n is { } bn ? new AddressPlan(bn, nat64) : null;
                var document = new ReportDocument($"Nat64Harness run {name}", [("folder", path), ("router", profile.Name), ("prefix", nat64.ToString()), ("block", n?.ToString(CultureInfo.InvariantCulture) ?? "unknown"), ("translation facts", recorded is null ? $"no {RunRecord.FileName}: from the flags, the folder's name and the defaults" : $"{RunRecord.FileName}, unless a flag said otherwise")], exchanges)
                {
                    Router = profile,
                    Prefix = nat64,
                    ProbeSide = plan is null ? [] : [plan.ProbeV6, plan.TunnelClientV6, plan.VpnClientUnderlay],
                };
                var page = parse.GetValue(html)?.FullName ?? Path.Combine(path, "report.html");
                HtmlReport.Save(document, page);
                if (parse.GetValue(junit) is { } file)
                {
                    var cases = exchanges.SelectMany(x => x.Pairing is null ? [] : JunitReport.PairGroups(x.Pairing, $"nat64h.report.{name}.{x.Name}")).ToList();
                    JunitReport.Save(file.FullName, [new JunitSuite($"report {name}", cases, [("router", profile.Name), ("prefix", nat64.ToString())])]);
                }

                Console.WriteLine($"{exchanges.Count(x => x.Passed)} passed, {exchanges.Count(x => !x.Passed)} failed");
                Console.WriteLine($"report: {CliOutput.Show(page)}");
                return exchanges.All(x => x.Passed) ? 0 : 1;
            }
            catch (Exception e) when (e is PcapFormatException or IOException or ArgumentException or Nat64AddressingException or FormatException)
            {
                Console.Error.WriteLine($"nat64h report: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    // 01-tcp-echo-v6.pcap: exchange "tcp-echo" (in run order), capture point "v6".
    private static IEnumerable<(string Order, string Name, List<CaptureFile> Captures)> Exchanges(string folder) =>
        Directory.EnumerateFiles(folder, "*.pcap")
            .Select(p => (Path: p, Match: PcapName().Match(Path.GetFileName(p))))
            .Where(x => x.Match.Success)
            .GroupBy(x => (Order: x.Match.Groups[1].Value, Name: x.Match.Groups[2].Value))
            .OrderBy(g => g.Key.Order, StringComparer.Ordinal)
            .Select(g => (g.Key.Order, g.Key.Name, g.Select(x => new CaptureFile(new CapturePoint(x.Match.Groups[3].Value), x.Path, null)).ToList()));

    // The run wrote when each capture was live beside its pcaps: with that record the oracle excuses what the live run
    // excused, and nothing else; without it (pcaps from elsewhere, an older run) every capture counts as whole. The same
    // record keeps the exchange's kind and the probe's verdict: the probe's failure counts as it did live, and an
    // exchange nothing of which crossed the router is judged by what it was for.
    private static ReportExchange Judge(string stem, string name, List<CaptureFile> captures, TranslatorSetup setup)
    {
        var v6 = captures.FirstOrDefault(c => c.Point == CapturePoint.V6Bridge);
        var v4 = captures.FirstOrDefault(c => c.Point == CapturePoint.V4Bridge);
        var record = CaptureRecord.PathFor(stem);
        var recorded = File.Exists(record) ? CaptureRecord.LoadExchange(record) : null;
        if (v6 is null || v4 is null)
        {
            return new ReportExchange(name, captures, null, recorded?.ProbeOk, recorded?.ProbeError);
        }

        var coverage = File.Exists(record) ? CaptureRecord.Load(record) : null;
        var verdict = ExchangeVerifier.Verify(v6.Path, v4.Path, setup, coverage?.GetValueOrDefault(CapturePoint.V6Bridge), coverage?.GetValueOrDefault(CapturePoint.V4Bridge));
        var judged = new ReportExchange(name, captures, verdict.Report, recorded?.ProbeOk, recorded?.ProbeError)
        {
            Excused = verdict.Excused,
            OutsideOtherCapture = verdict.OutsideOtherCapture,
            CaptureLoss = verdict.CaptureLoss,
            CoverageNote = coverage is null
                ? $"no {Path.GetFileName(record)} beside the pcaps: each capture judged as whole and running throughout"
                : $"when each capture ran: {Path.GetFileName(record)}",
        };
        return NothingCrossed(verdict.Report) ? judged with { Pairing = recorded?.Kind is ExchangeKind.Resolve or ExchangeKind.Discover ? null : judged.Pairing, Note = NothingCrossedNote(recorded, Path.GetFileName(record)) } : judged;
    }

    // Neither side of the router holds a packet of the exchange for the oracle to judge.
    private static bool NothingCrossed(PairingReport report) =>
        report is { Paired: 0, DroppedAsRequired: 0, AnsweredAsRequired: 0, NotAnswered: 0, Lost: 0, Duplicated: 0, Unexplained: 0, Unjudgeable: 0 };

    // A resolve or a discovery need not cross the router: the probe's verdict is the exchange's. A TCP, UDP or ICMP
    // exchange must: when nothing crossed, it failed, and the probe's verdict says how.
    private static string NothingCrossedNote(RecordedExchange? recorded, string record) => recorded switch
    {
        null => $"nothing crossed the router, and no exchange section in {record} says whether this exchange had to: counted as failed",
        { Kind: ExchangeKind.Resolve or ExchangeKind.Discover, ProbeOk: true } => $"nothing crossed the router, and a {recorded.Kind.ToString().ToLowerInvariant()} exchange need not: the probe's verdict (passed) is the exchange's",
        { Kind: ExchangeKind.Resolve or ExchangeKind.Discover } => $"nothing crossed the router, and a {recorded.Kind.ToString().ToLowerInvariant()} exchange need not: the probe's verdict (failed) is the exchange's",
        { ProbeOk: true } => $"the probe was answered, yet nothing of this {recorded.Kind.ToString().ToLowerInvariant()} exchange crossed the router: something short of the router answered it",
        _ => $"nothing of this {recorded.Kind.ToString().ToLowerInvariant()} exchange crossed the router: the probe failed",
    };

    [GeneratedRegex(@"^(\d+)-(.+)-([a-z0-9]+)\.pcap$")]
    private static partial Regex PcapName();

    [GeneratedRegex(@"-b(\d{1,3})$")]
    private static partial Regex BlockSuffix();
}
