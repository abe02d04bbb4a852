using System.CommandLine;
using System.Text;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Oracle;
using Nat64Harness.Reporting;
using Nat64Harness.Verification;

namespace Nat64Harness.Cli;

/// <summary>`nat64h verify before.pcap after.pcap --prefix P`: judges two stored captures, no Docker needed.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var before = new Argument<FileInfo>("before") { Description = "Capture on the IPv6 side of the translator (both directions)" };
        var after = new Argument<FileInfo>("after") { Description = "Capture on the IPv4 side of the translator" };
        var prefix = new Option<string>("--prefix") { Description = "NAT64 prefix (RFC 6052)", DefaultValueFactory = _ => "64:ff9b::/96" };
        var router = new Option<string>("--router") { Description = "Router profile: rfc7915 (RFC alone) or tayga (Tayga 0.9.2 in a Linux host: +2 forwarding hops, RFC 6145 DF)", DefaultValueFactory = _ => "rfc7915" };
        var pool = new Option<string?>("--pool") { Description = "IPv4 pool (CIDR) the translator must map clients into" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON Lines: one object per row shown, then one summary object" };
        var junit = CliOptions.Junit();
        var all = new Option<bool>("--all") { Description = "Show every row, passing ones too (default: failures and the summary)" };
        var command = new Command("verify", "Judge two stored captures against RFC 7915 / RFC 6052, streaming the report; exit 0 when they conform, 1 when not, 2 on unreadable input")
        {
            before, after, prefix, router, pool, json, all, junit,
        };
        command.SetAction(parse =>
        {
            int code;
            using (var stdout = Console.OpenStandardOutput())
            {
                code = Execute(
                    parse.GetValue(before)!.FullName, parse.GetValue(after)!.FullName,
                    parse.GetValue(prefix)!, parse.GetValue(router)!, parse.GetValue(pool),
                    parse.GetValue(json), parse.GetValue(all), stdout, Console.Error);
            }

            if (code != 2 && parse.GetValue(junit) is { } file)
            {
                // JUnit needs every pair grouped, which the stream does not keep: a second, buffered pass, only when asked.
                var pool4 = parse.GetValue(pool) is { } text ? ParsePool(text) : (System.Net.IPNetwork?)null;
                var verdict = ExchangeVerifier.Verify(
                    parse.GetValue(before)!.FullName, parse.GetValue(after)!.FullName,
                    RouterProfile.Find(parse.GetValue(router)!), Nat64Prefix.Parse(parse.GetValue(prefix)!), pool4);
                var name = $"{parse.GetValue(before)!.Name} ⇄ {parse.GetValue(after)!.Name}";
                JunitReport.Save(file.FullName, [new JunitSuite($"verify {name}", JunitReport.PairGroups(verdict.Report, $"nat64h.verify.{verdict.Router.Name}"), [("prefix", parse.GetValue(prefix)!), ("router", verdict.Router.Name)])]);
            }

            return code;
        });
        return command;
    }

    /// <summary>
    /// Judges the captures and streams the report to <paramref name="output"/> as rows are judged; on unreadable input
    /// the rows already judged stay written (flushed) before the error goes to <paramref name="error"/>.
    /// </summary>
    internal static int Execute(string before, string after, string prefix, string router, string? pool, bool json, bool all, Stream output, TextWriter error)
    {
        // One buffer for either format: a JSON line or a text row is a few hundred bytes, not a write to the console each.
        var buffered = new BufferedStream(output, 1 << 16);
        using var text = new StreamWriter(buffered, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        try
        {
            var pool4 = pool is { } cidr ? ParsePool(cidr) : (System.Net.IPNetwork?)null;
            var setup = new TranslatorSetup(RouterProfile.Find(router), Nat64Prefix.Parse(prefix), pool4);
            IPairingReportWriter writer = json
                ? new JsonLinesReportWriter(buffered, facts: [("router", setup.Profile.Name)], accepted: setup.Profile.Deviations)
                : new TextReportWriter(text);
            try
            {
                var verdict = StreamedVerification.Verify(before, after, setup, all ? ReportRows.All : ReportRows.Failures, writer);
                if (!json)
                {
                    foreach (var deviation in setup.Profile.Deviations)
                    {
                        text.WriteLine($"accepted for {setup.Profile.Name}: {deviation}");
                    }
                }

                text.Flush();
                buffered.Flush();
                return verdict.Conforms ? 0 : 1;
            }
            finally
            {
                (writer as IDisposable)?.Dispose();
            }
        }
        catch (Exception e) when (e is PcapFormatException or IOException or ArgumentException or Nat64AddressingException)
        {
            text.Flush();
            buffered.Flush();
            error.WriteLine($"nat64h verify: {e.Message}");
            return 2;
        }
    }

    private static System.Net.IPNetwork ParsePool(string text) =>
        System.Net.IPNetwork.TryParse(text, out var pool) ? pool : throw new ArgumentException($"--pool {text}: not an IPv4 network in CIDR form (a.b.c.d/len, host bits zero)");
}
