using System.CommandLine;
using Nat64Harness.Probing;
using Nat64Harness.Reporting;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>`nat64h run`: starts a topology, runs the standard exchanges, judges each with the probe and the oracle.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var block = new Option<int?>("--block") { Description = "Address block N (1-254) instead of a free one" };
        var vpn = new Option<string>("--vpn") { Description = "VPN under test: none, wireguard, openvpn, perapp, perapp:<fault>, or a folder under containers/ following containers/vpn-contract.md", DefaultValueFactory = _ => "none" };
        var router = new Option<RouterKind>("--router") { Description = "NAT64 router: tayga (stateless, userspace) or jool (stateful, kernel; a micro-VM where the host has no module)", DefaultValueFactory = _ => RouterKind.Tayga };
        var transfer = new Option<int>("--transfer-mib") { Description = "Size of the bulk TCP transfer (each way), 0 to skip", DefaultValueFactory = _ => 50 };
        var command = new Command("run", "Run a topology (probe [→ VPN] → Tayga NAT64 → IPv4-only echo) and judge every exchange") { block, vpn, router, transfer };
        command.SetAction(async (parse, ct) =>
        {
            var options = TopologyOptions.FromEnvironment("run", Console.Out) with { Block = parse.GetValue(block), Vpn = VpnCatalog.Find(parse.GetValue(vpn)!), Router = parse.GetValue(router) };
            await using var topology = await Nat64Topology.StartAsync(options, ct).ConfigureAwait(false);
            var report = new RunReport(topology);
            var target = topology.Plan.EchoSynthesized;
            Console.WriteLine();
            Console.WriteLine(RunReport.Header);
            foreach (var (name, exchange, capture) in Scenarios(target, parse.GetValue(transfer)))
            {
                var run = await topology.RunAsync(exchange, name, capture, ct).ConfigureAwait(false);
                var verdict = capture ? ExchangeVerifier.Verify(run, topology.Router.Profile, topology.Plan.Prefix, topology.Plan.Pool4) : null;
                Console.WriteLine(RunReport.Line(report.Add(run, verdict)));
            }

            report.Save();
            Console.WriteLine($"{report.Rows.Count(r => r.Passed)} passed, {report.Rows.Count(r => !r.Passed)} failed");
            Console.WriteLine($"topology up in {topology.StartTime.TotalSeconds:F1} s; captures and report: {topology.RunDirectory}");
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    internal static IEnumerable<(string Name, Exchange Exchange, bool Capture)> Scenarios(System.Net.IPAddress target, int transferMib)
    {
        yield return ("tcp-echo", new Exchange(ExchangeKind.Tcp, target, Size: 1000), true);
        yield return ("udp-echo", new Exchange(ExchangeKind.Udp, target, Size: 512, Count: 3), true);
        yield return ("icmpv6-echo", new Exchange(ExchangeKind.Icmp, target, Size: 56, Count: 3), true);
        if (transferMib > 0)
        {
            yield return ($"transfer-{transferMib}mib", new Exchange(ExchangeKind.Tcp, target, Size: transferMib << 20, Timeout: TimeSpan.FromSeconds(120)), false);
        }
    }
}
