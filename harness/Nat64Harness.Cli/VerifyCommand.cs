using System.CommandLine;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
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
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var junit = CliOptions.Junit();
        var command = new Command("verify", "Judge two stored captures against RFC 7915 / RFC 6052; exit 0 when they conform, 1 when not, 2 on unreadable input")
        {
            before, after, prefix, router, pool, json, junit,
        };
        command.SetAction(parse =>
        {
            try
            {
                var pool4 = parse.GetValue(pool) is { } text ? ParsePool(text) : (System.Net.IPNetwork?)null;
                var verdict = ExchangeVerifier.Verify(
                    parse.GetValue(before)!.FullName, parse.GetValue(after)!.FullName,
                    RouterProfile.Find(parse.GetValue(router)!), Nat64Prefix.Parse(parse.GetValue(prefix)!), pool4);
                Console.WriteLine(parse.GetValue(json) ? verdict.Report.ToJson() : verdict.ToString());
                if (parse.GetValue(junit) is { } file)
                {
                    var name = $"{parse.GetValue(before)!.Name} ⇄ {parse.GetValue(after)!.Name}";
                    JunitReport.Save(file.FullName, [new JunitSuite($"verify {name}", JunitReport.PairGroups(verdict.Report, $"nat64h.verify.{verdict.Router.Name}"), [("prefix", parse.GetValue(prefix)!), ("router", verdict.Router.Name)])]);
                }
                return verdict.Conforms ? 0 : 1;
            }
            catch (Exception e) when (e is PcapFormatException or IOException or ArgumentException or Nat64AddressingException)
            {
                Console.Error.WriteLine($"nat64h verify: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static System.Net.IPNetwork ParsePool(string text) =>
        System.Net.IPNetwork.TryParse(text, out var pool) ? pool : throw new ArgumentException($"--pool {text}: not an IPv4 network in CIDR form (a.b.c.d/len, host bits zero)");
}
