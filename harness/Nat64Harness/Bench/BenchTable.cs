using System.Globalization;
using System.Text;

namespace Nat64Harness.Bench;

/// <summary>
/// The bench as text: a heading that says how it measured and how busy the host was, a throughput table (the
/// harness beside iperf3, every figure the median of the repetitions), a latency and connection-rate table, and
/// what failed or was left out.
/// </summary>
public static class BenchTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The whole text.</summary>
    public static string Render(BenchRun run)
    {
        var o = run.Options;
        var text = new StringBuilder();
        text.AppendLine(Inv, $"nat64h bench, {o.Name}: {Plural(o.Repetitions, "repetition")} of each test; TCP {o.DurationSeconds} s after a {o.WarmupSeconds} s warm-up; " +
            $"UDP {o.UdpTrialSeconds} s trials of {o.UdpPayload}-byte payloads, highest rate with loss < {o.LossThreshold * 100:0.###} %, search to {o.Resolution * 100:0.#} %; " +
            $"latency {o.LatencyRate} × {o.LatencyPayload}-byte datagrams/s for {o.LatencySeconds} s; {run.Iperf3Version ?? "iperf3 not found"}");
        text.AppendLine(Inv, $"{run.Load} during the run ({run.Started:yyyy-MM-dd HH:mm} to {run.Finished:HH:mm} UTC){(run.Load.Mean > run.Load.Cpus ? ": a loaded machine, figures are indicative" : "")}");
        text.AppendLine(o.Repetitions > 1
            ? $"each figure is the median of {o.Repetitions} runs; their [min, max] (bench.json) holds the true median with {Confidence(o.Repetitions)} confidence whatever the distribution"
            : "each figure is one run: no repetitions, so no confidence interval (leave out --quick for medians of 3)");
        text.AppendLine();
        text.Append(Throughput(run));
        text.AppendLine();
        text.Append(Latency(run));
        if (LossSites(run) is { Length: > 0 } sites)
        {
            text.AppendLine();
            text.Append(sites);
        }

        foreach (var path in run.Paths.Where(p => p.Errors.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(Inv, $"{path.Name}: {Plural(path.Errors.Count, "measurement")} failed");
            foreach (var error in path.Errors)
            {
                text.AppendLine(Inv, $"  {error}");
            }
        }

        foreach (var skipped in run.Skipped)
        {
            text.AppendLine(Inv, $"not measured: {skipped}");
        }

        return text.ToString();
    }

    /// <summary>Throughput in Mbit/s, the harness's figure then iperf3's, and whether they agree.</summary>
    public static string Throughput(BenchRun run)
    {
        var table = new TextTable("Mbit/s", "tcp up", "iperf3", "tcp down", "iperf3", "tcp both", "iperf3", $"udp<{run.Options.LossThreshold * 100:0.###}%", "iperf3", $"own vs iperf3 (±{run.Options.Tolerance * 100:0} %)");
        foreach (var p in run.Paths)
        {
            table.Add(p.Name, Own(p.TcpUp), Theirs(p.TcpUp), Own(p.TcpDown), Theirs(p.TcpDown),
                $"{Own(p.TcpBothUp)}+{Own(p.TcpBothDown)}", $"{Theirs(p.TcpBothUp)}+{Theirs(p.TcpBothDown)}",
                Own(p.Udp) + UdpNote(p.UdpSearches), Theirs(p.Udp) + UdpNote(p.Iperf3UdpSearches), Agreement(p, run.Options.Tolerance));
        }

        return table.ToString();
    }

    /// <summary>Round trips and their variation in ms, the connection rate, and the load while the path ran.</summary>
    public static string Latency(BenchRun run)
    {
        var table = new TextTable("rtt ms", "min", "median", "p99", "p99.9", "pdv p99.9", "ipdv mean", "lost", "samples", "conn/s", "handshake ms", "load");
        foreach (var p in run.Paths)
        {
            var l = p.Latency;
            table.Add(p.Name, Ms(l?.Min), Ms(l?.Median), Ms(l?.P99), Ms(l?.P999), Ms(l?.PdvP999), Ms(l?.IpdvMeanAbs),
                l is null ? "-" : $"{l.Loss * 100:0.##}%", l is null ? "-" : l.Answered.ToString(Inv),
                p.ConnectsPerSecond is { } c ? c.Median.ToString("F0", Inv) : "-", Ms(p.HandshakeMedianMs), p.Load is { Samples: > 0 } load ? load.Mean.ToString("F1", Inv) : "-");
        }

        return table.ToString();
    }

    /// <summary>
    /// Per path and tool, the datagrams lost in the UDP trials over the loss threshold and the kernel counters that
    /// rose with them (the largest four, summed over those trials): where the search's ceiling comes from. Empty when
    /// no trial lost more than the threshold.
    /// </summary>
    public static string LossSites(BenchRun run)
    {
        var text = new StringBuilder();
        foreach (var p in run.Paths)
        {
            foreach (var (tool, searches) in new[] { ("own", p.UdpSearches), ("iperf3", p.Iperf3UdpSearches) })
            {
                var failing = searches.SelectMany(s => s.Trials).Where(t => t.Loss > run.Options.LossThreshold).ToList();
                if (failing.Count == 0)
                {
                    continue;
                }

                var counted = failing.Where(t => t.Drops is not null).SelectMany(t => t.Drops!)
                    .GroupBy(d => d.Key, StringComparer.Ordinal).Select(g => (Counter: g.Key, Rise: g.Sum(d => d.Value)))
                    .OrderByDescending(c => c.Rise).ThenBy(c => c.Counter, StringComparer.Ordinal).Take(4).ToList();
                var where = failing.All(t => t.Drops is null) ? "the kernels' counters were not read"
                    : counted.Count == 0 ? "no drop counter rose in any container (lost where no container's namespace counts it, such as a Jool VM's guest)"
                    : string.Join(", ", counted.Select(c => $"{c.Counter} {c.Rise}"));
                text.AppendLine(Inv, $"  {p.Name,-22} {tool,-6} {Plural(failing.Count, "trial")}, {failing.Sum(t => t.Lost)} lost: {where}");
            }
        }

        return text.Length == 0 ? "" : $"udp loss in the trials over {run.Options.LossThreshold * 100:0.###} %, and the kernel drop counters that rose with it:{Environment.NewLine}{text}";
    }

    private static string Own(ToolComparison? c) => Mbps(c?.Harness?.Median);

    private static string Theirs(ToolComparison? c) => Mbps(c?.Iperf3?.Median);

    private static string Mbps(double? bps) => bps is { } b ? (b / 1e6).ToString(b < 10e6 ? "F2" : "F0", Inv) : "-";

    private static string Ms(double? ms) => ms is { } m ? m.ToString(m < 10 ? "F3" : "F1", Inv) : "-";

    // A search that did not converge is marked: ≥ for a lower bound (sender or ceiling), ~ for a wide bracket.
    private static string UdpNote(IReadOnlyList<RateSearchResult> searches) =>
        searches.Any(s => s.Outcome is RateSearchOutcome.SenderLimited or RateSearchOutcome.AtMaximum) ? "≥"
        : searches.Any(s => s.Outcome == RateSearchOutcome.TrialBudget) ? "~" : "";

    private static string Agreement(PathResult p, double tolerance)
    {
        var off = p.Comparisons().Where(c => c.Comparison.Agrees(tolerance) == false).Select(c => $"{c.Label} {c.Comparison.Ratio:0.00}x").ToList();
        return off.Count > 0 ? string.Join(", ", off) : p.Comparisons().Any(c => c.Comparison.Ratio is not null) ? "agree" : "-";
    }

    private static string Confidence(int n) => $"{(1 - Math.Pow(0.5, n - 1)) * 100:0.#} %";

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
