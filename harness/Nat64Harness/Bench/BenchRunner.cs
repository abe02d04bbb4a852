using Nat64Harness.Topology;

namespace Nat64Harness.Bench;

/// <summary>
/// Runs a bench: one topology per path, started, measured (<see cref="PathBench"/>) and removed before the next,
/// the host's load sampled throughout. A path whose topology does not start is reported with the reason; the
/// others still run.
/// </summary>
public static class BenchRunner
{
    /// <summary>Measures every path; <paramref name="topology"/> gives each path's topology options (VPN and router filled in here).</summary>
    /// <param name="paths">What to measure.</param>
    /// <param name="skipped">Paths left out before the run, with the reason (carried into the result).</param>
    /// <param name="topology">Topology options for the paths (address block, images, log).</param>
    /// <param name="options">How to measure.</param>
    /// <param name="progress">One line per measurement as it finishes.</param>
    /// <param name="ct">Cancels the run.</param>
    public static async Task<BenchRun> RunAsync(IReadOnlyList<BenchPath> paths, IReadOnlyList<string> skipped, TopologyOptions topology, BenchOptions options, TextWriter progress, CancellationToken ct = default)
    {
        options.Validate();
        var started = DateTimeOffset.UtcNow;
        await using var load = new LoadSampler(TimeSpan.FromSeconds(2));
        var results = new List<PathResult>();
        string? iperf3 = null;
        foreach (var path in paths)
        {
            var from = DateTimeOffset.UtcNow;
            load.Sample();
            var result = new PathResult(path.Name, path.Vpn?.Name ?? "none", path.Router);
            progress.WriteLine($"{path.Name}: starting the topology");
            try
            {
                await using var running = await Nat64Topology.StartAsync(topology with { Vpn = path.Vpn, Router = path.Router, Scenario = "bench" }, ct).ConfigureAwait(false);
                iperf3 ??= await Iperf3VersionAsync(running, ct).ConfigureAwait(false);
                result = await new PathBench(running, options, progress, path.Name).RunAsync(result with { StartSeconds = running.StartTime.TotalSeconds }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                progress.WriteLine($"{path.Name}: not measured: {e.Message}");
                result = result with { Errors = [$"topology: {e.Message}"] };
            }

            load.Sample();
            results.Add(result with { Load = load.Summary(from, DateTimeOffset.UtcNow) });
        }

        load.Sample();
        return new BenchRun(options, started, DateTimeOffset.UtcNow, load.Summary(), iperf3, results, skipped);
    }

    private static async Task<string?> Iperf3VersionAsync(Nat64Topology topology, CancellationToken ct)
    {
        var result = await topology.Probe.ExecAsync(["iperf3", "--version"], ct).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Stdout.Split('\n', 2)[0].Trim() : null;
    }
}
