using System.Globalization;
using Nat64Harness.Topology;

namespace Nat64Harness.Bench;

/// <summary>
/// Measures one started topology: TCP each way and both ways, the UDP throughput search, latency, and the
/// connection rate; the harness and iperf3 alternate who goes first in each repetition, so that a machine
/// getting busier or quieter during the run weighs on both alike. A measurement that fails is recorded and the
/// rest go on.
/// </summary>
internal sealed class PathBench(Nat64Topology topology, BenchOptions options, TextWriter progress, string name)
{
    private static readonly TcpDirection[] Tests = [TcpDirection.Up, TcpDirection.Down, TcpDirection.Both];

    private readonly BenchProbe _probe = new(topology.Probe, topology.Plan.EchoSynthesized, topology.Vpn?.ProbeUid, options);
    private readonly KernelDrops _drops = new(topology.Containers);
    private readonly List<string> _errors = [];

    public async Task<PathResult> RunAsync(PathResult path, CancellationToken ct)
    {
        // (test, stream) → values, per tool
        var own = new Dictionary<(TcpDirection, TcpDirection), List<double>>();
        var iperf = new Dictionary<(TcpDirection, TcpDirection), List<double>>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            foreach (var test in Tests)
            {
                var label = $"tcp {test.ToString().ToLowerInvariant()} #{rep}";
                var seen = new Dictionary<bool, IReadOnlyDictionary<TcpDirection, double>?>();
                foreach (var harnessTurn in rep % 2 == 1 ? new[] { true, false } : [false, true])
                {
                    var tool = harnessTurn ? "own" : "iperf3";
                    var rates = seen[harnessTurn] = await TryAsync($"{label} ({tool})", c => harnessTurn ? _probe.TcpAsync(test, c) : _probe.Iperf3TcpAsync(test, c), ct).ConfigureAwait(false);
                    foreach (var (stream, bps) in rates ?? new Dictionary<TcpDirection, double>())
                    {
                        Add(harnessTurn ? own : iperf, (test, stream), bps);
                    }
                }

                progress.WriteLine($"  {name,-22} {label,-14} own {Streams(seen[true])} Mbit/s, iperf3 {Streams(seen[false])} Mbit/s");
            }
        }

        var start = options.UdpStartBitsPerSecond
            ?? Values(own, (TcpDirection.Up, TcpDirection.Up)).DefaultIfEmpty(Values(iperf, (TcpDirection.Up, TcpDirection.Up)).DefaultIfEmpty(100e6).First()).Max();
        var ownUdp = new List<RateSearchResult>();
        var iperfUdp = new List<RateSearchResult>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            foreach (var harnessTurn in rep % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var tool = harnessTurn ? "own" : "iperf3";
                var search = await TryAsync($"udp search #{rep} ({tool})", c => RateSearch.RunAsync(SearchOptions(start), WithDrops(harnessTurn ? _probe.UdpTrialAsync : _probe.Iperf3UdpTrialAsync), c), ct).ConfigureAwait(false);
                if (search is not null)
                {
                    (harnessTurn ? ownUdp : iperfUdp).Add(search);
                    progress.WriteLine($"  {name,-22} {$"udp #{rep}",-14} {tool} {Mbps(search.BitsPerSecond)} Mbit/s ({search.Outcome}, {search.Trials.Count} trials)");
                }
            }
        }

        var latency = await TryAsync("latency", _probe.LatencyAsync, ct).ConfigureAwait(false);
        if (latency is not null)
        {
            progress.WriteLine($"  {name,-22} {"latency",-14} rtt median {latency.Median:F3} ms, p99 {latency.P99:F3}, p99.9 {latency.P999:F3}, {latency.Answered}/{latency.Sent} answered");
        }

        var connects = new List<ConnectRate>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            if (await TryAsync($"connect #{rep}", _probe.ConnectAsync, ct).ConfigureAwait(false) is { } c)
            {
                connects.Add(c);
                progress.WriteLine($"  {name,-22} {$"connect #{rep}",-14} {c.PerSecond:F0}/s ({c.Completed} completed, {c.Failed} failed)");
            }
        }

        return path with
        {
            TcpUp = Compare(own, iperf, (TcpDirection.Up, TcpDirection.Up)),
            TcpDown = Compare(own, iperf, (TcpDirection.Down, TcpDirection.Down)),
            TcpBothUp = Compare(own, iperf, (TcpDirection.Both, TcpDirection.Up)),
            TcpBothDown = Compare(own, iperf, (TcpDirection.Both, TcpDirection.Down)),
            Udp = ToolComparison.Of(Found(ownUdp), Found(iperfUdp)),
            UdpSearches = ownUdp,
            Iperf3UdpSearches = iperfUdp,
            Latency = latency,
            ConnectsPerSecond = connects.Count > 0 ? Measured.Of(connects.Select(c => c.PerSecond)) : null,
            HandshakeMedianMs = connects.Select(c => c.HandshakeMedianMs).OfType<double>().ToList() is { Count: > 0 } handshakes ? Percentile.Median(handshakes) : null,
            Errors = _errors,
        };
    }

    // A search's trials with the kernels' drop counters read around each, so that its lost datagrams are named where
    // they went. The trials of one search follow each other with nothing between, so the read after one trial is the
    // next one's before.
    private Func<double, CancellationToken, Task<RateTrial>> WithDrops(Func<double, CancellationToken, Task<RateTrial>> trial)
    {
        IReadOnlyDictionary<string, long>? last = null;
        return async (bps, ct) =>
        {
            var before = last ?? await _drops.ReadAsync(ct).ConfigureAwait(false);
            var result = await trial(bps, ct).ConfigureAwait(false);
            last = await _drops.ReadAsync(ct).ConfigureAwait(false);
            return result with { Drops = KernelDrops.Rises(before, last) };
        };
    }

    private RateSearchOptions SearchOptions(double start) =>
        new(start, LossThreshold: options.LossThreshold, Resolution: options.Resolution, MaxTrials: options.MaxTrials);

    private async Task<T?> TryAsync<T>(string what, Func<CancellationToken, Task<T>> measure, CancellationToken ct)
        where T : class
    {
        try
        {
            return await measure(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var line = $"{what}: {e.Message}";
            _errors.Add(line);
            progress.WriteLine($"  {name,-22} {line}");
            return null;
        }
    }

    private static void Add(Dictionary<(TcpDirection, TcpDirection), List<double>> values, (TcpDirection, TcpDirection) key, double value)
    {
        if (!values.TryGetValue(key, out var list))
        {
            values[key] = list = [];
        }

        list.Add(value);
    }

    private static List<double> Values(Dictionary<(TcpDirection, TcpDirection), List<double>> values, (TcpDirection, TcpDirection) key) =>
        values.TryGetValue(key, out var list) ? list : [];

    private static ToolComparison? Compare(Dictionary<(TcpDirection, TcpDirection), List<double>> own, Dictionary<(TcpDirection, TcpDirection), List<double>> iperf, (TcpDirection, TcpDirection) key) =>
        Values(own, key).Count + Values(iperf, key).Count == 0 ? null : ToolComparison.Of(Values(own, key), Values(iperf, key));

    private static List<double> Found(IEnumerable<RateSearchResult> searches) => searches.Select(s => s.BitsPerSecond).OfType<double>().ToList();

    private static string Streams(IReadOnlyDictionary<TcpDirection, double>? rates) =>
        rates is null ? "-" : string.Join("+", rates.OrderBy(r => r.Key).Select(r => Mbps(r.Value)));

    private static string Mbps(double? bps) => bps is { } b ? (b / 1e6).ToString("F1", CultureInfo.InvariantCulture) : "-";
}
