using System.CommandLine;
using System.Globalization;
using Nat64Harness.Model;
using Nat64Harness.Reporting;
using Nat64Harness.Scenarios;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>
/// `nat64h compare`: the same scenarios through Tayga, then Jool, on the same address block; prints each
/// run's verdicts and the cross-translator table, and keeps the table and one report.html of both runs.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var vpn = CliOptions.Vpn();
        var verbose = CliOptions.Verbose();
        var junit = CliOptions.Junit();
        var command = new Command("compare", "Run the same exchanges through Tayga and Jool and tabulate where their outputs differ") { vpn, verbose, junit };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            var folder = Path.Combine(settings.Layout.Captures, $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-compare");
            Directory.CreateDirectory(folder);
            using var output = CliOutput.Start(settings.Layout.Captures, "compare", parse.GetValue(verbose));
            output.MoveInto(folder);
            var runs = new Dictionary<RouterKind, List<ExchangeRun>>();
            var suites = new List<JunitSuite>();
            var exchanges = new List<ReportExchange>();
            var passed = true;
            var block = settings.Block;
            foreach (var router in new[] { RouterKind.Tayga, RouterKind.Jool })
            {
                output.Line($"nat64h compare: {router.ToString().ToLowerInvariant()}, vpn {parse.GetValue(vpn)}");
                var options = settings.Topology("compare", output.Log) with { Router = router, Block = block, Vpn = VpnCatalog.Find(parse.GetValue(vpn)!, settings.Layout.Containers), Progress = output.Phases };
                var topology = await RunCommand.StartAsync(options, output, ct).ConfigureAwait(false);
                if (topology is null)
                {
                    return 2;
                }

                await using (topology.ConfigureAwait(false))
                {
                    output.Phase("topology up", topology.StartTime);
                    block = topology.Plan.Block;
                    var report = new RunReport(topology.Info);
                    runs[router] = [];
                    output.Line(RunReport.Header);
                    foreach (var scenario in ScenarioCatalog.Comparable)
                    {
                        var row = await RunCommand.RunOneAsync(topology, report, scenario, ct).ConfigureAwait(false);
                        runs[router].Add(row.Run);
                        output.Line(RunReport.Line(row));
                    }

                    report.Save();
                    passed &= report.Passed;
                    suites.Add(JunitReport.RunSuite(topology.Info, report.Rows));
                    exchanges.AddRange(report.Rows.Select(r => ReportExchange.From(r) with { Name = $"{router.ToString().ToLowerInvariant()} {r.Run.Name}" }));
                }
            }

            var rows = runs[RouterKind.Tayga].Zip(runs[RouterKind.Jool]).SelectMany(p => CrossTranslator.Compare(p.First.Name, p.First, p.Second)).ToList();
            var table = CrossTranslator.Render("tayga", "jool", rows);
            await File.WriteAllTextAsync(Path.Combine(folder, "cross-translator.txt"), table, ct).ConfigureAwait(false);
            HtmlReport.Save(new ReportDocument("Nat64Harness compare: tayga vs jool", [("vpn", parse.GetValue(vpn)!), ("block", block?.ToString(CultureInfo.InvariantCulture) ?? "-")], exchanges) { CrossTranslator = ("tayga", "jool", rows) }, Path.Combine(folder, "report.html"));
            if (parse.GetValue(junit) is { } file)
            {
                var cases = runs[RouterKind.Tayga].Select(run => run.Name).Select(name => new JunitCase(name, "nat64h.compare", 0, null,
                    rows.Any(r => r.Scenario == name) ? string.Join('\n', rows.Where(r => r.Scenario == name).Select(r => $"{r.Side} #{r.Packet} {r.Field}: tayga {r.A}, jool {r.B} [{r.Rfc}]")) : "no field differs")).ToList();
                JunitReport.Save(file.FullName, [.. suites, new JunitSuite("cross-translator", cases, [])]);
            }

            output.Line(table.TrimEnd());
            output.Line($"report: {CliOutput.Show(Path.Combine(folder, "report.html"))}  (cross-translator.txt and harness.log beside it; each run's pcaps in its own folder)");
            return passed ? 0 : 1;
        });
        return command;
    }
}
