using FluentAssertions;
using Nat64Harness.Bench;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>The probe's bench results and iperf3's JSON become typed values; failures and malformed output are named.</summary>
[Trait("Category", "Unit")]
public sealed class BenchJsonTests
{
    [Fact]
    public void ProbeTcp_BothWays_ReadsEachStreamsSamples()
    {
        // As containers/probe/nat64h_probe/bench_tcp.py prints it (samples shortened)
        const string json = """{"ok": true, "direction": "both", "streams": [{"direction": "up", "sender_bytes": 3000000, "bytes": 2900000, "samples": [[0.0, 0], [1.0, 1000000], [3.0, 2900000]]}, {"direction": "down", "bytes": 4000000, "samples": [[0.0, 0], [1.5, 2000000], [3.1, 4000000]]}], "elapsed_ms": 3300.1, "kind": "bench-tcp", "target": "64:ff9b::6440:50a", "port": 5202}""";

        var streams = ProbeBenchJson.TcpStreams(json);

        streams.Keys.Should().BeEquivalentTo([TcpDirection.Up, TcpDirection.Down]);
        streams[TcpDirection.Up].Should().Equal(new ByteSample(0, 0), new ByteSample(1.0, 1_000_000), new ByteSample(3.0, 2_900_000));
        streams[TcpDirection.Down][^1].Should().Be(new ByteSample(3.1, 4_000_000));
    }

    [Fact]
    public void ProbeTcp_ProbeReportsFailure_CarriesItsReason() =>
        FluentActions.Invoking(() => ProbeBenchJson.TcpStreams("""{"ok": false, "direction": "up", "error": "up: ConnectionRefusedError: [Errno 111] Connection refused"}"""))
            .Should().Throw<BenchException>().WithMessage("probe bench-tcp: the probe reports a failure: up: ConnectionRefusedError*");

    [Theory]
    [InlineData("""{"ok": true, "streams": [{"direction": "sideways", "samples": []}]}""", "*streams[0].direction is 'sideways'*")]
    [InlineData("""{"ok": true, "streams": [{"direction": "up", "samples": [[0.0]]}]}""", "*samples[0] is [0.0]*")]
    [InlineData("""{"ok": true, "streams": []}""", "*streams is empty*")]
    [InlineData("""{"ok": true}""", "*streams is missing*")]
    [InlineData("""Traceback (most recent call last):""", "*not JSON*Traceback*")]
    [InlineData("""[1, 2]""", "*expected a JSON object*")]
    public void ProbeTcp_Malformed_NamesTheField(string json, string message) =>
        FluentActions.Invoking(() => ProbeBenchJson.TcpStreams(json)).Should().Throw<BenchException>().WithMessage(message);

    [Fact]
    public void ProbeUdp_Trial_ReadsRatesAndCounts()
    {
        const string json = """{"ok": true, "offered_bps": 100000000.0, "size": 1200, "sent": 10417, "send_errors": 0, "send_seconds": 1.000112, "sent_bps": 99990000.0, "received": 10407, "received_bytes": 12488400, "reordered": 0, "receiver_seconds": 0.99, "receiver_buffer": 425984, "elapsed_ms": 1530.0, "kind": "bench-udp"}""";

        var trial = ProbeBenchJson.UdpTrial(json);

        trial.Should().Be(new RateTrial(100e6, 99.99e6, 10417, 10407) { SendErrors = 0 });
        trial.Loss.Should().BeApproximately(10.0 / 10417, 1e-12);
        trial.SenderLimited.Should().BeFalse();
    }

    [Fact]
    public void ProbeUdp_TrialWithBurst_KeepsDatagramsPerSendAndSendErrors()
    {
        const string json = """{"ok": true, "offered_bps": 3e8, "size": 1200, "sent": 62500, "send_errors": 3, "burst": 31, "sent_bps": 3e8, "received": 62497}""";

        var trial = ProbeBenchJson.UdpTrial(json);

        trial.Burst.Should().Be(31);
        trial.SendErrors.Should().Be(3);
    }

    [Theory]
    [InlineData("""{"ok": true, "offered_bps": 1e8, "sent_bps": -5, "sent": 10, "received": 10}""", "*sent_bps is -5*negative*")]
    [InlineData("""{"ok": true, "offered_bps": 1e8, "sent_bps": 1e8, "sent": 10.5, "received": 10}""", "*sent is 10.5*whole count*")]
    [InlineData("""{"ok": true, "offered_bps": 1e8, "sent_bps": 1e8, "sent": "10", "received": 10}""", "*sent should be a number*")]
    [InlineData("""{"ok": true, "offered_bps": 1e8, "sent_bps": 1e8, "sent": 10, "received": 10, "burst": 2.5}""", "*burst is 2.5*whole count*")]
    [InlineData("""{"ok": true, "offered_bps": 1e8, "sent_bps": 1e8, "sent": 10, "received": 10, "send_errors": -1}""", "*send_errors is -1*")]
    [InlineData("""{"ok": false, "error": "bench server: unknown mode 'x'"}""", "*reports a failure: bench server: unknown mode*")]
    public void ProbeUdp_Bad_IsRejected(string json, string message) =>
        FluentActions.Invoking(() => ProbeBenchJson.UdpTrial(json)).Should().Throw<BenchException>().WithMessage(message);

    [Fact]
    public void ProbeLatency_RoundTripsInOrder_NullWhereLost()
    {
        var rtts = ProbeBenchJson.RoundTrips("""{"ok": true, "sent": 4, "answered": 3, "rtt_us": [210.5, null, 190.0, 250.1]}""");

        rtts.Should().Equal(210.5, null, 190.0, 250.1);
    }

    [Theory]
    [InlineData("""{"ok": true, "sent": 2, "rtt_us": [210.5, -3]}""", "*rtt_us[1] is -3*")]
    [InlineData("""{"ok": true, "sent": 3, "rtt_us": [210.5, 200]}""", "*holds 2 round trips for 3 datagrams*")]
    [InlineData("""{"ok": true, "sent": 1, "rtt_us": ["fast"]}""", "*rtt_us[0] is \"fast\"*")]
    public void ProbeLatency_Bad_IsRejected(string json, string message) =>
        FluentActions.Invoking(() => ProbeBenchJson.RoundTrips(json)).Should().Throw<BenchException>().WithMessage(message);

    [Fact]
    public void ProbeConnect_ReadsRateAndHandshakeTime()
    {
        var c = ProbeBenchJson.Connect("""{"ok": true, "flows": 8, "completed": 7694, "failed": 2, "seconds": 2.0, "handshake_us_median": 1363.0, "first_error": "connect: no answer within 3.0 s"}""");

        c.PerSecond.Should().Be(3847);
        c.HandshakeMedianMs.Should().Be(1.363);
        c.FirstError.Should().Contain("no answer");
        ProbeBenchJson.Connect("""{"ok": true, "completed": 1, "failed": 0, "seconds": 1.0, "handshake_us_median": null}""").HandshakeMedianMs.Should().BeNull();
    }

    [Fact]
    public void ProbeConnect_EveryConnectRefused_IsAFailureWithTheReason() =>
        FluentActions.Invoking(() => ProbeBenchJson.Connect("""{"ok": false, "completed": 0, "failed": 8016, "seconds": 1.0, "error": "connect: ECONNREFUSED: Connection refused"}"""))
            .Should().Throw<BenchException>().WithMessage("*ECONNREFUSED*");

    [Theory]
    [InlineData(TcpDirection.Up, 188.7e6, null)]
    [InlineData(TcpDirection.Down, 188.7e6, null)]
    [InlineData(TcpDirection.Both, 188.7e6, 145.2e6)]
    public void Iperf3Tcp_TakesTheReceiversRate(TcpDirection test, double forward, double? reverse)
    {
        // The end section as iperf3 3.12 -J writes it: the sender's and the receiver's sums; the receiver's is taken
        const string Forward = """{"start": {"version": "iperf 3.12"}, "end": {"sum_sent": {"bytes": 50000000, "bits_per_second": 199000000.0, "retransmits": 8, "sender": true}, "sum_received": {"bytes": 47000000, "bits_per_second": 188700000.0, "sender": true}""";
        const string Reverse = """, "sum_sent_bidir_reverse": {"bits_per_second": 150000000.0}, "sum_received_bidir_reverse": {"bits_per_second": 145200000.0}""";
        var json = Forward + (reverse is null ? "" : Reverse) + "}}";

        var rates = Iperf3Json.Tcp(json, test);

        var expectedKey = test == TcpDirection.Down ? TcpDirection.Down : TcpDirection.Up;
        rates[expectedKey].Should().Be(forward);
        if (reverse is { } r)
        {
            rates[TcpDirection.Down].Should().Be(r);
        }
        else
        {
            rates.Should().HaveCount(1);
        }
    }

    [Fact]
    public void Iperf3Tcp_BidirWithoutTheReverseSum_NamesIt() =>
        FluentActions.Invoking(() => Iperf3Json.Tcp("""{"end": {"sum_received": {"bits_per_second": 1.0}}}""", TcpDirection.Both))
            .Should().Throw<BenchException>().WithMessage("iperf3: end.sum_received_bidir_reverse is missing");

    [Theory]
    [InlineData("""{"start": {}, "intervals": [], "end": {}, "error": "unable to connect to server: Connection refused"}""", "iperf3 failed: unable to connect to server: Connection refused")]
    [InlineData("""{"error": "the server is busy running a test. try again later"}""", "iperf3 failed: the server is busy*")]
    [InlineData("""iperf3: error - unable to connect""", "iperf3: output is not JSON*")]
    public void Iperf3_ItsOwnError_IsCarried(string json, string message)
    {
        FluentActions.Invoking(() => Iperf3Json.Tcp(json, TcpDirection.Up)).Should().Throw<BenchException>().WithMessage(message);
        FluentActions.Invoking(() => Iperf3Json.UdpTrial(json, 1e6)).Should().Throw<BenchException>().WithMessage(message);
    }

    [Fact]
    public void Iperf3Udp_Trial_IsPacketsSentAgainstLostAtTheServer()
    {
        const string json = """{"end": {"sum": {"seconds": 2.0, "bytes": 24990000, "bits_per_second": 99951504.1, "jitter_ms": 0.0096, "lost_packets": 2949, "packets": 20825, "lost_percent": 14.16, "sender": true}}}""";

        var trial = Iperf3Json.UdpTrial(json, 100e6);

        trial.Should().Be(new RateTrial(100e6, 99951504.1, 20825, 20825 - 2949));
        trial.Loss.Should().BeApproximately(0.1416, 1e-4);
    }

    [Fact]
    public void Iperf3Udp_MoreLostThanSent_IsRejected() =>
        FluentActions.Invoking(() => Iperf3Json.UdpTrial("""{"end": {"sum": {"bits_per_second": 1e6, "lost_packets": 11, "packets": 10}}}""", 1e6))
            .Should().Throw<BenchException>().WithMessage("*end.sum.lost_packets is 11, more than the 10 packets sent*");
}
