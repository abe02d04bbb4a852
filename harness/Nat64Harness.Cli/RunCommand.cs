using System.CommandLine;
using System.Diagnostics;
using Nat64Harness.Addressing;
using Nat64Harness.Docker;
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
        var block = CliOptions.Block();
        var vpn = CliOptions.Vpn();
        var router = CliOptions.Router();
        var prefix = new Option<string?>("--prefix") { Description = "NAT64 prefix of the run (RFC 6052: /32 /40 /48 /56 /64 /96), e.g. 2001:db8:100::/40 (docs/address-plan.md); the router, the DNS64 resolver, the PREF64 sender and the oracle all use it. Default: NAT64H_PREFIX, else 64:ff9b::/96" };
        var transfer = new Option<int>("--transfer-mib") { Description = "Size of the bulk TCP transfer (each way), 0 to skip", DefaultValueFactory = _ => 50 };
        var verbose = CliOptions.Verbose();
        var junit = CliOptions.Junit();
        var listVpns = new Option<bool>("--list-vpns") { Description = "List what --vpn accepts (name, kind, faults) and exit" };
        var command = new Command("run", "Run a topology (probe [→ VPN] → NAT64 router → IPv4-only echo) and judge every exchange") { block, vpn, router, prefix, transfer, verbose, junit, listVpns };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            if (parse.GetValue(listVpns))
            {
                Console.Write(VpnList.Render(settings.Layout.Containers));
                return 0;
            }

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

            using var output = CliOutput.Start(settings.Layout.Captures, "run", parse.GetValue(verbose));
            var options = settings.Topology("run", output.Log) with
            {
                Block = parse.GetValue(block) ?? settings.Block,
                Vpn = VpnCatalog.Find(parse.GetValue(vpn)!, settings.Layout.Containers),
                Router = parse.GetValue(router),
                Prefix = runPrefix,
                Progress = output.Phases,
            };
            output.Line($"nat64h run: router {options.Router.ToString().ToLowerInvariant()}, vpn {options.Vpn?.Name ?? "none"}, prefix {options.Prefix}");
            var topology = await StartAsync(options, output, ct).ConfigureAwait(false);
            if (topology is null)
            {
                return 2;
            }

            var report = new RunReport(topology.Info);
            Exception? broken = null;
            try
            {
                output.MoveInto(topology.RunDirectory);
                output.Phase("topology up", topology.StartTime);
                output.Line();
                output.Line(RunReport.Header);
                var (dns, leftOut) = topology.Resolver is null ? ([], null) : DnsScenariosFor(topology.ProbeOnAccessLink, options.Vpn?.Name);
                foreach (var scenario in ScenarioCatalog.Standard(parse.GetValue(transfer)).Concat(dns))
                {
                    output.Line(RunReport.Line(await RunOneAsync(topology, report, scenario, ct).ConfigureAwait(false)));
                }

                if (leftOut is not null)
                {
                    output.Line(leftOut);
                }

                SaveReports(report, topology, parse.GetValue(junit));
                output.Line($"{report.Rows.Count(r => r.Passed)} passed, {report.Rows.Count(r => !r.Passed)} failed");
            }
            catch (Exception e) when (e is IOException or EngineFailureException)
            {
                // A capture or report that cannot be written (the captures disk is full), or an engine that went away:
                // the run stops here, since every later exchange would fail the same way; the message names the cause.
                broken = e;
                output.Log.WriteLine(e.ToString());
                output.Line($"FAILED: {e.Message}");
            }
            finally
            {
                var teardown = Stopwatch.StartNew();
                await topology.DisposeAsync().ConfigureAwait(false);
                output.Phase("removed", teardown.Elapsed);
            }

            if (output.LogFailure is { } logFailure)
            {
                output.Line($"log: harness.log is incomplete, its writing failed: {logFailure.Message}");
            }

            if (broken is not null)
            {
                return 2;
            }

            output.Line($"report: {CliOutput.Show(Path.Combine(topology.RunDirectory, "report.html"))}  (pcaps, report.txt/.json and harness.log beside it)");
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// Starts a topology; on failure says why (with the containers' logs the exception carries) and where the log is. A
    /// prefix the router refuses (in its own words) or one that overlaps the run's networks fails the same way: exit 2.
    /// </summary>
    internal static async Task<Nat64Topology?> StartAsync(TopologyOptions options, CliOutput output, CancellationToken ct)
    {
        try
        {
            return await Nat64Topology.StartAsync(options, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.Log.WriteLine(e.ToString());
            output.Line($"FAILED to start the topology: {e.Message}");
            output.Line($"log: {CliOutput.Show(output.LogPath)}");
            return null;
        }
    }

    /// <summary>
    /// The DNS scenarios of a run, and the line that says why one was left out. PREF64 discovery listens for the access
    /// network's Router Advertisements; a probe that is not on that network (behind a tunnel VPN, on its IPv4-only
    /// underlay; behind a per-app-netns VPN, on the app's own link) hears none by the topology's design, whatever the
    /// VPN does, so the exchange would fail every such run and say nothing of the VPN. It is left out there, and the
    /// table says so in its place.
    /// </summary>
    internal static (IReadOnlyList<Scenario> Scenarios, string? LeftOut) DnsScenariosFor(bool probeOnAccessLink, string? vpn) =>
        probeOnAccessLink
            ? (DnsScenarios.Standard, null)
            : (DnsScenarios.Standard.Where(s => s != DnsScenarios.DiscoverByRouterAdvertisement).ToList(),
                $"{DnsScenarios.DiscoverByRouterAdvertisement.Name,-16} n/a   behind {vpn ?? "the VPN"} the probe is not on the access network, so no Router Advertisement (PREF64, RFC 8781) reaches it");

    /// <summary>Runs a scenario, judges it when the catalogue says so, and adds its row.</summary>
    internal static async Task<RunRow> RunOneAsync(Nat64Topology topology, RunReport report, Scenario scenario, CancellationToken ct)
    {
        var run = DnsRows.Judge(await topology.RunAsync(scenario, ct).ConfigureAwait(false), topology.Plan);
        var verdict = scenario.Judged ? ExchangeVerifier.Verify(run, topology.Translator) : null;
        return report.Add(run, verdict);
    }

    /// <summary>report.txt, report.json and report.html beside the pcaps; JUnit XML where asked.</summary>
    internal static void SaveReports(RunReport report, Nat64Topology topology, FileInfo? junit)
    {
        report.Save();
        var document = ReportDocument.ForRun(topology.Info, topology.Router.Profile, report.Rows.Select(ReportExchange.From));
        HtmlReport.Save(document, Path.Combine(topology.RunDirectory, "report.html"));
        if (junit is not null)
        {
            JunitReport.Save(junit.FullName, [JunitReport.RunSuite(topology.Info, report.Rows)]);
        }
    }
}
