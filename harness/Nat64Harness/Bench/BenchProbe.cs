using System.Globalization;
using System.Net;
using Nat64Harness.Containers.Probe;

namespace Nat64Harness.Bench;

/// <summary>
/// The measurements of one path, run in its probe: the probe's own bench commands and iperf3's client, both
/// dialling the echo server's synthesised address (as the probe's app uid behind a per-app VPN).
/// </summary>
/// <param name="probe">The topology's probe.</param>
/// <param name="target">The echo server's address inside the NAT64 prefix.</param>
/// <param name="uid">The uid whose traffic the VPN carries, or null to run as root.</param>
/// <param name="options">Windows, sizes and rates.</param>
internal sealed class BenchProbe(ProbeContainer probe, IPAddress target, int? uid, BenchOptions options)
{
    /// <summary>iperf3's server port on the echo server.</summary>
    public const int Iperf3Port = 5201;

    // Longest a command may run beyond its own measuring time: connection set-up, drain, result exchange.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The harness's TCP throughput: receiver bits per second of each stream, after the warm-up.</summary>
    public async Task<IReadOnlyDictionary<TcpDirection, double>> TcpAsync(TcpDirection direction, CancellationToken ct)
    {
        var seconds = options.WarmupSeconds + options.DurationSeconds;
        var json = await ProbeAsync("bench-tcp", seconds, ct, "--direction", direction.ToString().ToLowerInvariant(), "--seconds", seconds.ToString(Inv)).ConfigureAwait(false);
        return ProbeBenchJson.TcpStreams(json).ToDictionary(s => s.Key, s => StreamRate.BitsPerSecond(s.Value, TimeSpan.FromSeconds(options.WarmupSeconds)));
    }

    /// <summary>iperf3's TCP throughput over the same windows (-O warm-up, -t duration).</summary>
    public async Task<IReadOnlyDictionary<TcpDirection, double>> Iperf3TcpAsync(TcpDirection direction, CancellationToken ct)
    {
        string[] mode = direction switch { TcpDirection.Down => ["-R"], TcpDirection.Both => ["--bidir"], _ => [] };
        var json = await Iperf3Async(options.WarmupSeconds + options.DurationSeconds, ct, ["-t", options.DurationSeconds.ToString(Inv), "-O", options.WarmupSeconds.ToString(Inv), .. mode]).ConfigureAwait(false);
        return Iperf3Json.Tcp(json, direction);
    }

    /// <summary>One UDP trial of the harness's search at <paramref name="bitsPerSecond"/>.</summary>
    public async Task<RateTrial> UdpTrialAsync(double bitsPerSecond, CancellationToken ct) =>
        ProbeBenchJson.UdpTrial(await ProbeAsync("bench-udp", options.UdpTrialSeconds, ct,
            "--rate", bitsPerSecond.ToString("F0", Inv), "--size", options.UdpPayload.ToString(Inv), "--seconds", options.UdpTrialSeconds.ToString(Inv)).ConfigureAwait(false));

    /// <summary>One UDP trial of iperf3 at <paramref name="bitsPerSecond"/>, with the same payload and socket buffers as the harness's.</summary>
    public async Task<RateTrial> Iperf3UdpTrialAsync(double bitsPerSecond, CancellationToken ct) =>
        Iperf3Json.UdpTrial(await Iperf3Async(options.UdpTrialSeconds, ct,
            ["-u", "-b", bitsPerSecond.ToString("F0", Inv), "-l", options.UdpPayload.ToString(Inv), "-w", "4M", "-t", options.UdpTrialSeconds.ToString(Inv)]).ConfigureAwait(false), bitsPerSecond);

    /// <summary>Round trips of small datagrams to the UDP echo under light load.</summary>
    public async Task<DelayStatistics> LatencyAsync(CancellationToken ct) =>
        DelayStatistics.FromRoundTrips(ProbeBenchJson.RoundTrips(await ProbeAsync("bench-latency", options.LatencySeconds, ct,
            "--rate", options.LatencyRate.ToString(Inv), "--size", options.LatencyPayload.ToString(Inv), "--seconds", options.LatencySeconds.ToString(Inv), "--timeout", "2").ConfigureAwait(false)));

    /// <summary>TCP handshakes per second through the path.</summary>
    public async Task<ConnectRate> ConnectAsync(CancellationToken ct) =>
        ProbeBenchJson.Connect(await ProbeAsync("bench-connect", options.ConnectSeconds, ct,
            "--flows", options.ConnectFlows.ToString(Inv), "--seconds", options.ConnectSeconds.ToString(Inv), "--timeout", "3").ConfigureAwait(false));

    private Task<string> ProbeAsync(string kind, int seconds, CancellationToken ct, params string[] args) =>
        ExecAsync(["nat64h-probe", kind, "--target", target.ToString(), .. args], seconds, ct);

    private async Task<string> Iperf3Async(int seconds, CancellationToken ct, string[] args)
    {
        IList<string> command = ["iperf3", "-c", target.ToString(), "-p", Iperf3Port.ToString(Inv), "-J", "--connect-timeout", "5000", .. args];
        for (var attempt = 1; ; attempt++)
        {
            var json = await ExecAsync(command, seconds, ct).ConfigureAwait(false);
            // The server runs one test at a time and may still be closing the last one.
            if (attempt < 3 && json.Contains("the server is busy", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
                continue;
            }

            return json;
        }
    }

    private async Task<string> ExecAsync(IList<string> command, int seconds, CancellationToken ct)
    {
        if (uid is { } u)
        {
            command = ["setpriv", $"--reuid={u}", $"--regid={u}", "--clear-groups", "--", .. command];
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds) + Slack);
        try
        {
            var result = await probe.ExecAsync(command, limit.Token).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(result.Stdout)
                ? throw new BenchException($"'{string.Join(' ', command)}' in {probe.Name} printed nothing (exit {result.ExitCode}): {result.Stderr.Trim()}")
                : result.Stdout;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchException($"'{string.Join(' ', command)}' in {probe.Name} did not finish within {seconds + Slack.TotalSeconds} s");
        }
    }
}
