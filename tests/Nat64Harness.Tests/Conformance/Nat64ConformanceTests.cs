using FluentAssertions;
using Nat64Harness.Probing;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The behaviour every topology must show, baseline or behind a VPN: exchanges return exactly what was sent,
/// and both sides of the NAT64 router carry packets translated as RFC 7915 and RFC 6052 demand.
/// One sealed subclass per topology.
/// </summary>
public abstract class Nat64ConformanceTests(TopologyFixture fixture)
{
    /// <summary>The topology under test.</summary>
    protected Nat64Topology Topology => fixture.Topology;

    /// <summary>What a 1400-byte UDP datagram must meet on this path.</summary>
    protected abstract LargeDatagramOutcome ExpectedLargeDatagramOutcome { get; }

    [SkippableFact]
    public async Task TcpEcho_ToWellKnownPrefix_ReturnsPayload_AndTranslationConforms()
    {
        // Given the topology; When the probe sends 1000 bytes over TCP to the echo server's synthesised address
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Tcp, Topology.Plan.EchoSynthesized, Size: 1000), "tcp-echo");

        // Then the same bytes come back, and every packet on both sides of the router conforms
        AssertConforms(run);
    }

    [SkippableFact]
    public async Task UdpEcho_ToWellKnownPrefix_ReturnsPayload_AndTranslationConforms()
    {
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Udp, Topology.Plan.EchoSynthesized, Size: 512, Count: 3), "udp-echo");

        AssertConforms(run);
    }

    [SkippableFact]
    public async Task Icmpv6Echo_ToWellKnownPrefix_Replies_AndTranslationConforms()
    {
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Icmp, Topology.Plan.EchoSynthesized, Size: 56, Count: 3), "icmpv6-echo");

        AssertConforms(run);
    }

    [SkippableTheory]
    [InlineData(1)]  // 1 MiB: a transfer that fits in socket buffers along the path
    [InlineData(50)] // 50 MiB: long enough for congestion control, loss and reordering to matter
    public async Task TcpTransfer_BothDirections_ContentHashMatchesEndToEnd(int mebibytes)
    {
        // Given a payload sent and echoed at once (upload and download run together)
        var exchange = new Exchange(ExchangeKind.Tcp, Topology.Plan.EchoSynthesized, Size: mebibytes << 20, Timeout: TimeSpan.FromSeconds(120));

        // When it crosses the path (no pcap: the hash is the evidence)
        var run = await Topology.RunAsync(exchange, $"transfer-{mebibytes}mib", capture: false);

        // Then what came back hashes to what was sent
        run.Result.Ok.Should().BeTrue(run.Result.Error);
        run.Result.Json.GetProperty("received").GetInt64().Should().Be(mebibytes << 20);
        run.Result.Json.GetProperty("received_sha256").GetString().Should().Be(run.Result.Json.GetProperty("sent_sha256").GetString());
        fixture.Log.WriteLine($"transfer {mebibytes} MiB each way: {run.Result.ElapsedMs:F0} ms");
    }

    [SkippableTheory]
    [InlineData(ExchangeKind.Tcp)]
    [InlineData(ExchangeKind.Udp)]
    public async Task ConcurrentFlows_100_NoneLostOrCrossed(ExchangeKind kind)
    {
        // Given 100 flows at once, each with its own payload (a crossed flow returns another's bytes), sized to
        // fit every tunnel's MTU (the large-datagram scenario is the one that judges fragmentation)
        var exchange = new Exchange(kind, Topology.Plan.EchoSynthesized, Size: 1024, Count: kind == ExchangeKind.Udp ? 3 : 1, Flows: 100, Timeout: TimeSpan.FromSeconds(10));

        var run = await Topology.RunAsync(exchange, $"{kind.ToString().ToLowerInvariant()}-100-flows", capture: false);

        // Then every flow got exactly its own payload back
        run.Result.Ok.Should().BeTrue(run.Result.Error);
        var flows = run.Result.Json.GetProperty("flows").EnumerateArray().ToList();
        flows.Should().HaveCount(100);
        flows.Should().OnlyContain(f => f.GetProperty("ok").GetBoolean());
        if (kind == ExchangeKind.Tcp)
        {
            // The probe closes first, so TIME_WAIT keeps each TCP port: 100 distinct ports prove 100 distinct flows.
            // A UDP socket frees its port at close, and the kernel may hand it to the next flow.
            flows.Select(f => f.GetProperty("local_port").GetInt32()).Should().OnlyHaveUniqueItems();
        }
    }

    [SkippableFact]
    public async Task HopLimitOne_YieldsTimeExceeded_FromFirstHop()
    {
        // Given an echo request that can cross one hop only
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Icmp, Topology.Plan.EchoSynthesized, HopLimit: 1), "hop-limit-1");

        var reply = run.Result.Json.GetProperty("replies")[0];
        CaptureEvidence.Assert(run, () =>
        {
            if (Topology.FirstHop is not { } firstHop)
            {
                // A userspace proxy VPN terminates the app's packet and sends its own: no hop limit crosses it,
                // so the echo is answered. Stated per topology, never ignored.
                reply.GetProperty("type").GetInt32().Should().Be(129, "the per-app VPN answers the echo it proxied");
                return;
            }

            // Then ICMPv6 Time Exceeded (type 3, code 0) comes back from the first hop of this path
            reply.GetProperty("type").GetInt32().Should().Be(3, "RFC 4443 §3.3: hop limit exceeded in transit");
            reply.GetProperty("code").GetInt32().Should().Be(0);
            reply.GetProperty("source").GetString().Should().Be(firstHop.ToString());
        });
    }

    [SkippableFact]
    public async Task UdpDatagram1400_ThroughPath_MeetsExpectedOutcome()
    {
        // Given three 1400-byte UDP payloads (1448-byte IPv6 packets)
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Udp, Topology.Plan.EchoSynthesized, Size: 1400, Count: 3, Timeout: TimeSpan.FromSeconds(2)), "udp-1400");

        // Then the path does what this topology's MTU says it must
        CaptureEvidence.Assert(run, () => ExpectedLargeDatagramOutcome.Assert(run));
    }

    /// <summary>Probe result OK, and the oracle's verdict on both bridges' captures conforms.</summary>
    protected void AssertConforms(ExchangeRun run)
    {
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            var verdict = ExchangeVerifier.Verify(run, Topology.Router.Profile, Topology.Plan.Prefix, Topology.Plan.Pool4);
            verdict.Conforms.Should().BeTrue(verdict.ToString());
            verdict.Report.Paired.Should().BeGreaterThan(0);
        });
    }
}
