using System.CommandLine;
using System.Globalization;
using Nat64Harness.Bench;
using Nat64Harness.Model;

namespace Nat64Harness.Cli;

/// <summary>
/// `nat64h bench`: per path (the baseline and each VPN, through Tayga and Jool) TCP and UDP throughput, latency,
/// PDV and connection rate, measured by the harness and by iperf3 side by side; tables on stdout, bench.txt,
/// bench.json and bench.svg in captures/&lt;time&gt;-bench/.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var vpn = new Option<string[]>("--vpn") { Description = "VPNs to measure (none for the baseline; repeat or separate by commas). Default: the baseline through Tayga and Jool, and every VPN under containers/ through Tayga", AllowMultipleArgumentsPerToken = true };
        var router = new Option<RouterKind[]>("--router") { Description = "NAT64 routers (tayga, jool; repeat). Default with --vpn: tayga", AllowMultipleArgumentsPerToken = true };
        var duration = new Option<int?>("--duration") { Description = "Seconds each TCP test and connection-rate run measures, after the warm-up (default 5; quick 2)" };
        var repetitions = new Option<int?>("--repetitions") { Description = "Repetitions of each test; the median is reported (default 3; quick 1)" };
        var quick = new Option<bool>("--quick") { Description = "One repetition and short windows: every metric in about a minute per path" };
        var json = new Option<bool>("--json") { Description = "Print bench.json instead of the tables" };
        var block = new Option<int?>("--block") { Description = "Address block N (1-254) instead of a free one" };
        var verbose = new Option<bool>("--verbose") { Description = "Show the topology log live (it always goes to harness.log in the bench's folder)" };
        var command = new Command("bench", "Measure throughput (TCP, UDP < 0.1 % loss), latency, PDV and connection rate per path, beside iperf3")
        {
            vpn, router, duration, repetitions, quick, json, block, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            var options = parse.GetValue(quick) ? BenchOptions.Quick : BenchOptions.Full;
            if (parse.GetValue(duration) is { } d)
            {
                options = options with { DurationSeconds = d, ConnectSeconds = d };
            }

            if (parse.GetValue(repetitions) is { } r)
            {
                options = options with { Repetitions = r };
            }

            options.Validate();
            var vpns = (parse.GetValue(vpn) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var (paths, skipped) = BenchPaths.Select(vpns, parse.GetValue(router) ?? [], settings.Layout.Containers);
            var folder = Path.Combine(settings.Layout.Captures, $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-bench");
            Directory.CreateDirectory(folder);
            // As in `run`: Testcontainers' lines and the topology's log (with every counter read the UDP trials make)
            // go to harness.log in the bench's folder, shown live with --verbose; the terminal gets the progress and
            // the tables (with --json, the progress goes to stderr and stdout carries only the JSON).
            var stdout = Console.Out;
            using var output = CliOutput.Start(settings.Layout.Captures, "bench", parse.GetValue(verbose), parse.GetValue(json) ? Console.Error : stdout);
            output.MoveInto(folder);
            var progress = output.Terminal;
            progress.WriteLine($"bench ({options.Name}): {string.Join(", ", paths.Select(p => p.Name))}; log: {CliOutput.Show(output.LogPath)}");
            var run = await BenchRunner.RunAsync(paths, skipped, settings.Topology("bench", output.Log) with { Block = parse.GetValue(block) ?? settings.Block }, options, progress, ct).ConfigureAwait(false);
            var files = await BenchReport.SaveAsync(run, folder, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(BenchReport.ToJson(run));
            }
            else
            {
                stdout.WriteLine();
                stdout.Write(BenchTable.Render(run));
            }

            progress.WriteLine($"bench files: {string.Join(" ", files)}");
            return run.Paths.All(p => p.Errors.Count == 0) ? 0 : 1;
        });
        return command;
    }
}
