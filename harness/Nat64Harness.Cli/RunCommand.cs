using System.CommandLine;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Model;
using Nat64Harness.Reporting;
using Nat64Harness.Scenarios;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>`nat64h run`: starts a topology, runs the standard scenarios, judges each with the probe and the oracle.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var block = new Option<int?>("--block") { Description = "Address block N (1-254) instead of a free one" };
        var vpn = new Option<string>("--vpn") { Description = "VPN under test: none, or a folder under containers/ (wireguard, openvpn, strongswan, perapp, ...), optionally folder:fault with a fault its nat64h-vpn.json declares", DefaultValueFactory = _ => "none" };
        var router = new Option<RouterKind>("--router") { Description = "NAT64 router: tayga (stateless, userspace) or jool (stateful, kernel; a micro-VM where the host has no module)", DefaultValueFactory = _ => RouterKind.Tayga };
        var prefix = new Option<string?>("--prefix") { Description = "NAT64 prefix of the run (RFC 6052: /32 /40 /48 /56 /64 /96), e.g. 2001:db8:100::/40 (docs/address-plan.md); the router, the DNS64 resolver, the PREF64 sender and the oracle all use it. Default: NAT64H_PREFIX, else 64:ff9b::/96" };
        var transfer = new Option<int>("--transfer-mib") { Description = "Size of the bulk TCP transfer (each way), 0 to skip", DefaultValueFactory = _ => 50 };
        var command = new Command("run", "Run a topology (probe [→ VPN] → NAT64 router → IPv4-only echo) and judge every exchange") { block, vpn, router, prefix, transfer };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            Nat64Prefix runPrefix;
            try
            {
                runPrefix = parse.GetValue(prefix) is { } text ? Nat64Prefix.Parse(text) : settings.Prefix;
            }
            catch (Nat64AddressingException e)
            {
                Console.Error.WriteLine($"nat64h run: --prefix: {e.Message}");
                return 2;
            }

            var options = settings.Topology("run", Console.Out) with
            {
                Block = parse.GetValue(block) ?? settings.Block,
                Vpn = VpnCatalog.Find(parse.GetValue(vpn)!, settings.Layout.Containers),
                Router = parse.GetValue(router),
                Prefix = runPrefix,
            };
            Nat64Topology topology;
            try
            {
                topology = await Nat64Topology.StartAsync(options, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PrefixRefusedException or ArgumentException)
            {
                // A prefix the router refuses (in its own words) or one that overlaps the run's networks: the run's answer.
                Console.Error.WriteLine($"nat64h run: {e.Message}");
                return 2;
            }

            await using var scope = topology.ConfigureAwait(false);
            var report = new RunReport(topology.Info);
            Console.WriteLine();
            Console.WriteLine(RunReport.Header);
            foreach (var scenario in ScenarioCatalog.Standard(parse.GetValue(transfer)).Concat(topology.Resolver is null ? [] : DnsScenarios.Standard))
            {
                Console.WriteLine(RunReport.Line(await RunOneAsync(topology, report, scenario, ct).ConfigureAwait(false)));
            }

            report.Save();
            Console.WriteLine($"{report.Rows.Count(r => r.Passed)} passed, {report.Rows.Count(r => !r.Passed)} failed");
            Console.WriteLine($"topology up in {topology.StartTime.TotalSeconds:F1} s; captures and report: {topology.RunDirectory}");
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>Runs a scenario, judges it when the catalogue says so, and adds its row.</summary>
    internal static async Task<RunRow> RunOneAsync(Nat64Topology topology, RunReport report, Scenario scenario, CancellationToken ct)
    {
        var run = DnsRows.Judge(await topology.RunAsync(scenario, ct).ConfigureAwait(false), topology.Plan);
        var verdict = scenario.Judged ? ExchangeVerifier.Verify(run, topology.Translator) : null;
        return report.Add(run, verdict);
    }
}
