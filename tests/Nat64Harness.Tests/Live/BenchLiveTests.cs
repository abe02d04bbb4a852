using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Bench;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>
/// `nat64h bench` on the baseline path with windows of a second: every measure comes back well-formed and
/// non-zero from both tools, and a blocked path gives errors that name each failing measure instead of a crash.
/// Nothing here asserts a speed or a time: the figures themselves belong to the bench's own output.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class BenchLiveTests(BaselineTopologyFixture fixture)
{
    // One repetition, one-second windows, at most two UDP trials per tool: every measure runs, in seconds.
    private static readonly BenchOptions Short = new()
    {
        Name = "test", DurationSeconds = 1, WarmupSeconds = 0, Repetitions = 1, UdpTrialSeconds = 1, MaxTrials = 2, Resolution = 0.5,
        LatencySeconds = 1, LatencyRate = 200, ConnectSeconds = 1,
    };

    [SkippableFact]
    public async Task ShortBench_Baseline_EveryMeasureWellFormedAndNonZero()
    {
        var topology = fixture.Topology;
        var progress = new StringWriter();

        var path = await new PathBench(topology, Short, progress, "baseline/tayga").RunAsync(new PathResult("baseline/tayga", "none", RouterKind.Tayga), CancellationToken.None);

        path.Errors.Should().BeEmpty($"every measure should run on the baseline; progress:\n{progress}");
        foreach (var (label, comparison) in path.Comparisons().Where(c => c.Label != "udp"))
        {
            comparison.Harness.Should().NotBeNull(label);
            comparison.Harness!.Median.Should().BePositive($"the harness's {label}");
            comparison.Iperf3.Should().NotBeNull(label);
            comparison.Iperf3!.Median.Should().BePositive($"iperf3's {label}");
        }

        path.Comparisons().Select(c => c.Label).Should().Contain(["tcp up", "tcp down", "tcp both up", "tcp both down"]);
        foreach (var (tool, searches) in new[] { ("own", path.UdpSearches), ("iperf3", path.Iperf3UdpSearches) })
        {
            // Whether a trial stays under 0.1 % loss depends on the machine's load; that datagrams arrive does not.
            searches.Should().ContainSingle(tool).Which.Trials.Should().NotBeEmpty(tool).And.OnlyContain(t => t.Sent > 0 && t.OfferedBitsPerSecond > 0, tool);
            searches[0].Trials.Sum(t => t.Received).Should().BePositive($"{tool}'s UDP datagrams reach the echo server");
            searches[0].Trials.Should().OnlyContain(t => t.Drops != null, $"the kernels' drop counters are read around each of {tool}'s trials");
        }

        var latency = path.Latency!;
        latency.Answered.Should().BePositive();
        latency.Min.Should().BePositive();
        latency.Median.Should().BeGreaterThanOrEqualTo(latency.Min);
        latency.P99.Should().BeGreaterThanOrEqualTo(latency.Median);
        latency.P999.Should().BeGreaterThanOrEqualTo(latency.P99);
        path.ConnectsPerSecond!.Median.Should().BePositive();
        path.HandshakeMedianMs.Should().BePositive();

        var run = new BenchRun(Short, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new LoadSummary(0, 0, 0, 0, Environment.ProcessorCount), "iperf3", [path], []);
        using var json = JsonDocument.Parse(BenchReport.ToJson(run));
        var saved = json.RootElement.GetProperty("paths")[0];
        saved.GetProperty("tcpUp").GetProperty("harness").GetProperty("median").GetDouble().Should().BePositive();
        saved.GetProperty("latency").GetProperty("p999").GetDouble().Should().BePositive();
        BenchTable.Render(run).Should().Contain("baseline/tayga").And.NotContain("failed");
    }

    [SkippableFact]
    public async Task ShortBench_RoutersTunQueueCutToOnePacket_LossIsNamedAtThatQueue()
    {
        var topology = fixture.Topology;
        var progress = new StringWriter();

        // Given Tayga's TUN queue cut to one packet: whatever arrives while Tayga is busy with the last one is
        // dropped by the kernel and counted as the device's tx_drop (the site of all the loss measured at 400 Mbit/s)
        var queue = (await topology.Router.RunAsync(["cat", "/sys/class/net/nat64/tx_queue_len"])).Trim();
        await topology.Router.RunAsync(["ip", "link", "set", "nat64", "txqueuelen", "1"]);
        PathResult path;
        try
        {
            // When both tools' UDP searches run, from 400 Mbit/s: the TCP figure the search would start from collapses on
            // a one-packet queue, and at the tens of Mbit/s it leaves Tayga keeps up on a quiet machine (measured: one
            // tool of two lost nothing there)
            path = await new PathBench(topology, Short with { UdpStartBitsPerSecond = 400e6 }, progress, "queue-1").RunAsync(new PathResult("queue-1", "none", RouterKind.Tayga), CancellationToken.None);
        }
        finally
        {
            await topology.Router.RunAsync(["ip", "link", "set", "nat64", "txqueuelen", queue]);
        }

        // Then every trial over the threshold names the router's TUN queue among the counters that rose, and the
        // table says so for both tools
        var router = KernelDrops.ShortName(topology.Router.Name);
        var failing = path.UdpSearches.Concat(path.Iperf3UdpSearches).SelectMany(s => s.Trials).Where(t => t.Loss > Short.LossThreshold).ToList();
        failing.Should().NotBeEmpty($"a one-packet queue loses datagrams; progress:\n{progress}");
        failing.Should().OnlyContain(t => t.Drops != null && t.Drops.ContainsKey($"{router} nat64 tx_drop"), string.Join("; ", failing.Select(t => $"{t.Lost} lost: {string.Join(", ", t.Drops ?? new Dictionary<string, long>())}")));
        var sites = BenchTable.LossSites(new BenchRun(Short, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new LoadSummary(0, 0, 0, 0, 2), "iperf3", [path], []));
        sites.Should().MatchRegex($@"queue-1 +own .*{router} nat64 tx_drop").And.MatchRegex($@"queue-1 +iperf3 .*{router} nat64 tx_drop");
    }

    [SkippableFact]
    public async Task OwnUdpSender_BurstsWhereTheRouteTakesThem_OneDatagramPerSendWhereNot()
    {
        // Given the harness's own UDP trial at 100 Mbit/s (a burst is 1 ms of the rate: about 10 datagrams), once with
        // payloads that fit the access network's 1500-byte MTU and once with payloads that do not (1460 + 48 bytes of
        // headers): the kernel refuses a segmented send over the MTU
        var topology = fixture.Topology;
        async Task<RateTrial> Trial(int payload) =>
            await new BenchProbe(topology.Probe, topology.Plan.EchoSynthesized, null, Short with { UdpPayload = payload }).UdpTrialAsync(100e6, CancellationToken.None);

        var fits = await Trial(1200);
        var over = await Trial(1460);

        // Then the first leaves in bursts, one send each; the second falls back to one datagram per send (IPv6 fragments
        // them), and the fallback carries them: they arrive (a send counted as failed never does)
        fits.Burst.Should().BeGreaterThan(1, "a 1200-byte payload fits the MTU, so datagrams leave several per send");
        over.Burst.Should().Be(1, "a datagram over the MTU cannot be segmented; the sender must fall back, not fail");
        foreach (var trial in new[] { fits, over })
        {
            trial.Sent.Should().BeGreaterThan(10_000 / 2, "a second at 100 Mbit/s is about 10,000 datagrams of 1200 bytes");
            trial.Received.Should().BePositive();
        }
    }

    [SkippableFact]
    public async Task OwnUdpSender_RouteMtuFallsMidTrial_FallsBackToOneDatagramPerSend()
    {
        // Given the harness's own UDP trial at 100 Mbit/s with 1300-byte payloads (1348 bytes with headers: segmented
        // sends while the route's MTU is 1500), and, once 2 MB have left the probe, a host route to the echo with MTU
        // 1280 added: from then on the kernel refuses every segmented send (a datagram over the route's MTU cannot be
        // segmented), and the sender must notice and go on one datagram per send (IPv6 fragments them)
        var topology = fixture.Topology;
        var target = topology.Plan.EchoSynthesized.ToString();
        var options = Short with { UdpPayload = 1300, UdpTrialSeconds = 2 };
        const string lowerWhenSending = """
            set -e
            route=$(ip -6 route get "$1" | head -n 1)
            dev=$(echo "$route" | sed -n 's/.* dev \([^ ]*\).*/\1/p')
            via=$(echo "$route" | sed -n 's/.* via \([^ ]*\).*/\1/p')
            bytes=/sys/class/net/$dev/statistics/tx_bytes
            start=$(cat "$bytes")
            i=0
            while [ "$(cat "$bytes")" -lt $((start + 2000000)) ]; do
                i=$((i + 1)); [ $i -lt 500 ] || { echo "the trial sent nothing in 10 s" >&2; exit 3; }
                sleep 0.02
            done
            ip -6 route add "$1/128" ${via:+via $via} dev "$dev" mtu 1280
            echo "lowered after $((($(cat "$bytes") - start))) bytes"
            """;

        string lowered;
        RateTrial trial;
        try
        {
            var watcher = topology.Probe.RunAsync(["sh", "-c", lowerWhenSending, "lower", target]);
            trial = await new BenchProbe(topology.Probe, topology.Plan.EchoSynthesized, null, options).UdpTrialAsync(100e6, CancellationToken.None);
            lowered = await watcher;
        }
        finally
        {
            await topology.Probe.ExecAsync(["ip", "-6", "route", "del", $"{target}/128"]);
        }

        // Then the trial ends one datagram per send with no send counted as failed (the refused burst was resent
        // whole), keeps its rate, and datagrams sent after the change arrive
        trial.Burst.Should().Be(1, $"the route's MTU fell under a segmented datagram mid-trial ({lowered.Trim()}); the sender must fall back");
        trial.SendErrors.Should().Be(0, "a segmented send the kernel refused is resent one datagram at a time, never counted lost");
        trial.Sent.Should().BeGreaterThan(2 * 9_600 / 2, "two seconds at 100 Mbit/s are about 19,200 datagrams of 1300 bytes");
        trial.Received.Should().BeGreaterThan(2_000_000 / 1348 + 100, "datagrams beyond those that left before the change arrive");
    }

    [SkippableFact]
    public async Task ShortBench_BlockedPath_ErrorsNameEveryFailingMeasure()
    {
        var topology = fixture.Topology;
        var target = $"{topology.Plan.EchoSynthesized}/128";
        var progress = new StringWriter();

        // A prohibit route in the probe refuses every packet to the echo at once (EACCES), as a VPN that
        // drops the path would, without waiting for timeouts.
        await topology.Probe.RunAsync(["ip", "-6", "route", "add", "prohibit", target]);
        PathResult path;
        try
        {
            path = await new PathBench(topology, Short, progress, "blocked").RunAsync(new PathResult("blocked", "none", RouterKind.Tayga), CancellationToken.None);
        }
        finally
        {
            await topology.Probe.RunAsync(["ip", "-6", "route", "del", "prohibit", target]);
        }

        path.Comparisons().Where(c => c.Label != "udp").Should().BeEmpty($"no TCP stream can run; progress:\n{progress}");
        path.Latency.Should().BeNull();
        path.ConnectsPerSecond.Should().BeNull();
        string[] measures = ["tcp up #1 (own)", "tcp up #1 (iperf3)", "tcp down #1 (own)", "tcp down #1 (iperf3)", "tcp both #1 (own)", "tcp both #1 (iperf3)",
            "udp search #1 (own)", "udp search #1 (iperf3)", "latency", "connect #1"];
        foreach (var measure in measures)
        {
            path.Errors.Should().Contain(e => e.StartsWith(measure + ":", StringComparison.Ordinal), $"the failing measure is named; errors:\n{string.Join('\n', path.Errors)}");
        }

        BenchTable.Render(new BenchRun(Short, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new LoadSummary(0, 0, 0, 0, 2), null, [path], []))
            .Should().Contain($"blocked: {path.Errors.Count} measurements failed").And.Contain("latency: ");
    }
}
