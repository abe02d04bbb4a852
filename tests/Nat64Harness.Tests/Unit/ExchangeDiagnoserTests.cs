using System.Net;
using FluentAssertions;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Support;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The diagnosis of a failed exchange from what each capture point counted, the probe's TCP socket and the
/// kernels' counters: each cause named from its evidence, and nothing named without it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ExchangeDiagnoserTests
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:5:77::2");
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:50a");
    private static readonly IPNetwork Prefix = IPNetwork.Parse("64:ff9b::/96");
    private static readonly Exchange Transfer = new(ExchangeKind.Tcp, Echo, Size: 1 << 20);
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Fact]
    public void Diagnose_FullSizeSegmentsNeverReachTheRouter_SuspectsASizeLimit_AndAsksForASearch()
    {
        // Given a stalled transfer through a tunnel: the socket sent 1420-byte segments and lost 11; the v6 bridge saw only the small packets
        var run = TunnelTransfer();

        // When it is diagnosed before any size search
        var diagnosis = ExchangeDiagnoser.Diagnose(run);

        // Then the cause names the lost full-size segments and the search range runs from IPv6's minimum to them
        diagnosis.Cause.Should().Be("11 full-size segments (1420 B) lost: none reached the v6 bridge, whose largest packet from the probe was 60 B: the tunnel drops packets larger than somewhere between 60 and 1420 B");
        diagnosis.SizeSearch.Should().Be((1280, 1420));
        diagnosis.Stalled.Should().BeTrue();
    }

    [Fact]
    public void Diagnose_AfterTheSizeSearch_NamesTheLimit()
    {
        var run = TunnelTransfer();
        var search = ProbeResult.Parse(Transfer, """{"ok": true, "largest": 1400, "smallest_lost": 1401}""", T0, T0);

        var diagnosis = ExchangeDiagnoser.Diagnose(run, search);

        diagnosis.Cause.Should().Be("11 full-size segments (1420 B) lost, packets ≤ 1400 B delivered: the tunnel drops packets above 1400 bytes");
        diagnosis.SizeSearch.Should().BeNull();
        diagnosis.Evidence.Should().Contain(e => e.Contains("probe's TCP socket: ESTABLISHED, mss 1348, pmtu 1420, lost 11", StringComparison.Ordinal))
            .And.Contain("size search: largest IPv6 packet to cross and come back 1400 B, 1401 B did not");
    }

    [Fact]
    public void Diagnose_ALossOfAnotherKind_IsNoSizeLimit()
    {
        // The same stall, but full-size packets did reach the router: the size is not the cause
        var v6 = new CaptureTally([Prefix]);
        v6.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[1360]), false, null);
        var run = Run(Stalled(), File(CapturePoint.V6Bridge, v6), File(CapturePoint.V4Bridge, new CaptureTally([Prefix])));

        var diagnosis = ExchangeDiagnoser.Diagnose(run);

        diagnosis.SizeSearch.Should().BeNull();
        diagnosis.Cause.Should().Be("the flow reached the v6 bridge but never the v4 bridge: the NAT64 router dropped it");
    }

    [Fact]
    public void Diagnose_BadChecksumsWrittenIntoTheTun_NamesTheVpnAndTheOddLengths()
    {
        // Given a per-app VPN that wrote odd-length segments with a wrong checksum, which the app's kernel dropped
        var tun = new CaptureTally([Prefix]);
        tun.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[1000]), false, TrafficDirection.Outbound);
        for (var i = 0; i < 3; i++)
        {
            tun.Add(T0, TestPackets.WithBadChecksum(TestPackets.Tcp6(Echo, 7, App, 40001, 5000, 0x18, new byte[999]), 16), false, TrafficDirection.Inbound);
        }

        var result = Stalled() with { Counters = new Dictionary<string, long> { ["Tcp.InCsumErrors"] = 3, ["Tcp.InSegs"] = 9 } };
        var run = Run(result, File(CapturePoint.Tun, tun), File(CapturePoint.V6Bridge, new CaptureTally([Prefix])));

        // When it is diagnosed
        var diagnosis = ExchangeDiagnoser.Diagnose(run);

        // Then the cause names the packets, their sender and their receiver, and the counters back it
        diagnosis.Cause.Should().Be("3 packets with a checksum that does not verify, every one of odd length sent by the per-app VPN (the VPN's TUN, toward the probe): the app's kernel (the probe) drops them");
        diagnosis.Evidence.Should().Contain("counters probe's namespace: Tcp.InCsumErrors +3");
    }

    [Fact]
    public void Diagnose_NothingReachedTheRouter_ThroughASilentTunnel_BlamesTheClient()
    {
        var run = Run(new ProbeResult { Exchange = Transfer, Ok = false, Error = "TimeoutError: timed out" },
            File(CapturePoint.Underlay, new CaptureTally([IPNetwork.Parse("100.66.5.20/32")])),
            File(CapturePoint.V6Bridge, new CaptureTally([Prefix])), File(CapturePoint.V4Bridge, new CaptureTally([Prefix])));

        var diagnosis = ExchangeDiagnoser.Diagnose(run);

        diagnosis.Cause.Should().Be("nothing of the exchange reached the v6 bridge, and the underlay carried nothing toward the VPN server: the VPN client did not send it into the tunnel");
        diagnosis.LastHop.Should().Be("none");
    }

    [Fact]
    public void Diagnose_AnIcmpErrorSentBack_IsTheCause()
    {
        var v6 = new CaptureTally([Prefix]);
        var server = IPAddress.Parse("2001:db8:5:77::1");
        v6.Add(T0, TestPackets.Echo6(App, Echo, 128, 1, 1, new byte[8]), false, null);
        v6.Add(T0, TestPackets.Error6(server, App, 1, 0, 0, TestPackets.Echo6(App, Echo, 128, 1, 1, new byte[8])), false, null);
        var run = Run(new ProbeResult { Exchange = Transfer, Ok = false, Error = "seq 1: ICMPv6 error type 1" }, File(CapturePoint.V6Bridge, v6));

        ExchangeDiagnoser.Diagnose(run).Cause.Should().Be($"Destination Unreachable (code 0) from {server}");
    }

    private static ExchangeRun TunnelTransfer()
    {
        var v6 = new CaptureTally([Prefix]);
        v6.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1, 0x10, []), false, null); // a 60-byte ACK: only small packets crossed
        var underlay = new CaptureTally([IPNetwork.Parse("100.66.5.20/32")]);
        return Run(Stalled(), File(CapturePoint.Underlay, underlay), File(CapturePoint.V6Bridge, v6), File(CapturePoint.V4Bridge, new CaptureTally([IPNetwork.Parse("100.64.5.10/32")])));
    }

    private static ProbeResult Stalled() => new()
    {
        Exchange = Transfer,
        Ok = false,
        Stalled = true,
        Error = "stalled: no progress for 5 s; 0 of 1048576 bytes acknowledged, 0 received back",
        SocketInfo = new TcpSocketInfo { State = "ESTABLISHED", SndMss = 1348, Pmtu = 1420, Lost = 11, Retrans = 1, TotalRetrans = 9, DataSegsOut = 20, BytesAcked = 1 },
    };

    private static CaptureFile File(CapturePoint point, CaptureTally tally) => new(point, $"{point}.pcap", 0) { Summary = tally.Summarize(0, null, null) };

    private static ExchangeRun Run(ProbeResult result, params CaptureFile[] files) => new("transfer-1mib", Transfer, result, files);
}
