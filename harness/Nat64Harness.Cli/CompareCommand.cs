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
/// run's verdicts and the cross-translator table, and keeps the table beside both runs' reports.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var vpn = new Option<string>("--vpn") { Description = "VPN under test (as for run)", DefaultValueFactory = _ => "none" };
        var command = new Command("compare", "Run the same exchanges through Tayga and Jool and tabulate where their outputs differ") { vpn };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            var runs = new Dictionary<RouterKind, List<ExchangeRun>>();
            var reports = new List<RunReport>();
            var block = settings.Block;
            foreach (var router in new[] { RouterKind.Tayga, RouterKind.Jool })
            {
                var options = settings.Topology("compare", Console.Out) with { Router = router, Block = block, Vpn = VpnCatalog.Find(parse.GetValue(vpn)!, settings.Layout.Containers) };
                await using var topology = await Nat64Topology.StartAsync(options, ct).ConfigureAwait(false);
                block = topology.Plan.Block;
                var report = new RunReport(topology.Info);
                runs[router] = [];
                foreach (var scenario in ScenarioCatalog.Comparable)
                {
                    runs[router].Add((await RunCommand.RunOneAsync(topology, report, scenario, ct).ConfigureAwait(false)).Run);
                }

                report.Save();
                reports.Add(report);
                Console.WriteLine(report.ToText());
            }

            var rows = runs[RouterKind.Tayga].Zip(runs[RouterKind.Jool]).SelectMany(p => CrossTranslator.Compare(p.First.Name, p.First, p.Second)).ToList();
            var table = CrossTranslator.Render("tayga", "jool", rows);
            var folder = Path.Combine(settings.Layout.Captures, $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-compare");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "cross-translator.txt"), table, ct).ConfigureAwait(false);
            Console.WriteLine(table);
            Console.WriteLine($"table: {folder}/cross-translator.txt");
            return reports.All(r => r.Passed) ? 0 : 1;
        });
        return command;
    }
}
