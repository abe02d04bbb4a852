using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The conformance suite, unchanged, against a per-app VPN of either kind, plus what only a per-app VPN must show:
/// the packets it builds toward the app are right, the app's addresses never reach the access network, and the
/// app's TCP and UDP behave as through a plain network (MSS, half-close, resets, ICMPv6 errors, fragments, many
/// flows, idle flows). A VPN's known deviations are listed in its sealed class and asserted, never skipped.
/// </summary>
public abstract class PerAppVpnConformanceTests(PerAppVpnFixture fixture) : Nat64ConformanceTests(fixture)
{
    /// <summary>How long the 1000 flows stay open so that the VPN's count can be read while they are.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>How long the count may take to come back after the flows closed (a 2 s TIME-WAIT, a 2 s stats period, load).</summary>
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(90);

    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.Whole;

    /// <summary>The name of the check across <see cref="SweepCatalog.TunHopLimits"/> of one kind, for known deviations.</summary>
    protected static string TunHopLimitsCheck(ExchangeKind kind) => $"tun-hop-limits-{ScenarioCatalog.Word(kind)}";

    /// <summary>What the VPN said on its ready line.</summary>
    protected ReadyFacts Facts => Topology.Vpn!.Facts!;

    /// <summary>Every check this suite runs by name: a known deviation must name one of them.</summary>
    protected IReadOnlyList<string> Checks =>
    [
        ScenarioCatalog.TcpEcho.Name, ScenarioCatalog.UdpEcho.Name, ScenarioCatalog.Icmpv6Echo.Name, ScenarioCatalog.HopLimitOne.Name,
        ScenarioCatalog.LargeDatagram.Name, "tun-tcp", "tun-udp", "tun-icmpv6", TunHopLimitsCheck(ExchangeKind.Tcp), TunHopLimitsCheck(ExchangeKind.Udp), TunHopLimitsCheck(ExchangeKind.Icmp),
        "tcp-sizes", "udp-sizes", "icmpv6-sizes", ScenarioCatalog.UdpAllOnesChecksum.Name, PerAppScenarios.CloseFirst.Name, PerAppScenarios.TcpMss.Name,
        PerAppScenarios.AppFragments(Facts.Device).Name, PerAppScenarios.OverDeviceMtu(Facts.Mtu).Name, PerAppScenarios.HalfClose.Name,
        PerAppScenarios.FarEndReset.Name, PerAppScenarios.UdpClosedPort.Name, PerAppScenarios.SessionFlows(Hold).Name,
        PerAppScenarios.IdleTcp.Name, PerAppScenarios.IdleUdp.Name,
    ];

    [SkippableFact]
    public void KnownDeviations_EachNamesACheckOfThisSuite_WithReasonAndClause()
    {
        // Given this VPN's list; Then every entry names a check the suite runs, says why, and cites the RFC
        Deviations.Select(d => d.Check).Should().OnlyHaveUniqueItems().And.BeSubsetOf(Checks, "a deviation of a check nobody runs would hide nothing and prove nothing");
        Deviations.Should().OnlyContain(d => d.Symptom.Length > 0 && d.Reason.Length > 0 && d.Clause.StartsWith("RFC ", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(ExchangeKind.Tcp, 0)]    // handshake, data, FIN: segments the VPN builds
    [InlineData(ExchangeKind.Udp, 0)]    // datagrams it builds
    [InlineData(ExchangeKind.Icmp, 200)] // echo replies, from a request with an unusual hop limit a copy would betray
    public async Task Responses_WrittenTowardTheApp_AreBuiltAsTheRfcsDemand(ExchangeKind kind, int hopLimit)
    {
        // Given an exchange of the app through the VPN, with its device captured in the app's namespace
        var run = await Topology.RunAsync(ScenarioCatalog.TunResponses(kind, hopLimit));

        // When the packets the VPN wrote are audited
        var report = TunAudit.Inspect(run.TunPcap!, Facts.AppV6, hopLimit == 0 ? 64 : hopLimit);

        // Then there are some, and every one is right
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            report.Responses.Should().BeGreaterThan(0, "the app's traffic must go through the VPN");
            report.Violations.Should().BeEmpty(report.ToString());
        });
    }

    [SkippableTheory]
    [InlineData(ExchangeKind.Tcp)]
    [InlineData(ExchangeKind.Udp)]
    [InlineData(ExchangeKind.Icmp)]
    public async Task Responses_AcrossRequestHopLimits_CarryTheVpnsOwnHopLimitAndNoCongestionMark(ExchangeKind kind)
    {
        // Given two exchanges of one kind whose requests carry different hop limits (9, 17, 200, 255: never the common
        // default 64), even and odd payloads, and for UDP and ICMPv6 a traffic class of AF41 marked CE
        var runs = new List<ExchangeRun>();
        foreach (var scenario in SweepCatalog.TunHopLimits.Where(s => s.Build(Topology.Plan).Kind == kind))
        {
            runs.Add(await Topology.RunAsync(scenario));
        }

        // When every packet the VPN wrote toward the app is audited, each against its request and both together
        var report = TunAudit.Inspect(runs.Select(r => r.TunPcap!), Facts.AppV6);

        // Then both exchanges came back, and no response carries the request's hop limit, one derived from it, a hop
        // limit that changes with the request's, or the request's congestion mark
        KnownDeviations.Expect(Deviations, TunHopLimitsCheck(kind), () =>
        {
            runs.Should().HaveCount(2);
            runs.Where(r => !r.Result.Ok).Select(r => $"{r.Name}: {r.Result.Error}").Should().BeEmpty();
            report.Responses.Should().BeGreaterThanOrEqualTo(4, "two messages per exchange, each answered through the TUN");
            report.Violations.Should().BeEmpty(report.ToString() + "\ncaptures kept: " + string.Join(' ', runs.Select(r => r.TunPcap)));
        }, Topology.RunDirectory);
    }

    [SkippableFact]
    public async Task AccessNetwork_WhileTheAppClosesFirst_CarriesNoAppAddress()
    {
        // Given five TCP flows the app closes before the server does: its kernel sends what it owes the orphaned and
        // TIME-WAIT sockets (the ACK of the VPN's FIN) as uid 0, not as the app
        var run = await Topology.RunAsync(PerAppScenarios.CloseFirst);

        // When the access bridge (captured by the app's addresses too) is audited
        var report = LeakAudit.Inspect(run.V6Pcap!, Topology.Vpn!.AppAddresses.ToList());

        // Then the echoes came back, and no packet there carries an app address
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            report.Violations.Should().BeEmpty(report.ToString());
            report.Packets.Should().BeGreaterThan(0, "the flows must have crossed the access network");
        });
    }

    [SkippableFact]
    public async Task TcpMss_AdvertisedToTheApp_FitsTheDeviceMtu()
    {
        // Given a TCP echo with the VPN's SYN-ACK captured on its device
        var run = await Topology.RunAsync(PerAppScenarios.TcpMss);

        // When its MSS option is read against the MTU the ready line states
        var report = MssAudit.Inspect(run.TunPcap!, Facts.Mtu);

        // Then it fits (RFC 9293 §3.7.1), and the app's kernel sends with it
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            report.Advertised.Should().NotBeEmpty("the VPN terminates the app's TCP, so it answers the SYN itself");
            report.Violations.Should().BeEmpty(report.ToString());
            run.Result.TcpInfo!.MaxSeg.Should().BeLessThanOrEqualTo(report.Advertised.Min()!.Value, "the app sends no segment larger than the MSS it was given");
        });
    }

    [SkippableFact]
    public async Task AppDatagram_InFragments_IsReassembledAndEchoed()
    {
        // Given a 1400-byte UDP datagram the app sends as two IPv6 fragments (1448 bytes reassembled)
        var run = await Topology.RunAsync(PerAppScenarios.AppFragments(Facts.Device));

        // Then the VPN, the flow's endpoint, reassembles it and the echo comes back (RFC 8200 §4.5, §5: 1500 bytes at least)
        Expect(run, () =>
        {
            run.Result.Datagrams.Should().ContainSingle().Which.Fragments.Should().HaveCount(2, "the datagram must leave the app as two fragments");
            run.Result.Ok.Should().BeTrue($"an IPv6 node must accept a fragmented packet of up to 1500 bytes reassembled: {run.Result.Error}");
        });
    }

    [SkippableFact]
    public async Task AppDatagram_OverTheDeviceMtu_IsFragmentedByTheAppsKernel_NotRefusedByTheVpn()
    {
        // Given a UDP datagram 500 bytes larger than the VPN's device MTU
        var scenario = PerAppScenarios.OverDeviceMtu(Facts.Mtu);
        var run = await Topology.RunAsync(scenario);
        var next = await Topology.RunAsync(ScenarioCatalog.StillServed);

        // Then the app's own kernel knew the device's MTU and fragmented it (a VPN's Packet Too Big cannot be the
        // answer: the packet never exceeded its link); whether the VPN reassembles more than 1500 bytes is its choice
        // (RFC 8200 §5: "may"), so either the echo or a silent drop is right, and the next flow is served
        Expect(run, () =>
        {
            run.Result.PathMtu.Should().Be(Facts.Mtu, "the app's kernel holds the device's MTU the ready line states");
            run.Result.IcmpErrors.Should().NotContain(e => e.Type == 2, "no Packet Too Big for a packet the app's kernel already cut to its link MTU");
            (run.Result.Ok || run.Result.Error!.Contains("timed out", StringComparison.Ordinal)).Should().BeTrue($"echoed or silently dropped: {run.Result.Error}");
            next.Result.Ok.Should().BeTrue($"the VPN serves the next flow: {next.Result.Error}");
        });
    }

    [SkippableFact]
    public async Task HalfClose_AppShutsDownWriting_StillReadsTheWholeEcho()
    {
        // Given 256 KiB sent, writing shut down, and a second before the app reads: the echo arrives after its FIN
        var run = await Topology.RunAsync(PerAppScenarios.HalfClose);

        // Then every byte and the far end's EOF reach the app (RFC 9293 §3.6)
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.Result.ReceivedSha256.Should().Be(run.Result.SentSha256);
        });
    }

    [SkippableFact]
    public async Task FarEndReset_ReachesTheAppAsAReset()
    {
        // Given a connection the echo server resets after the first data
        var run = await Topology.RunAsync(PerAppScenarios.FarEndReset);

        // Then the app's recv fails with ECONNRESET, and the VPN wrote an RST toward it (RFC 9293 §3.10.7.4)
        Expect(run, () =>
        {
            run.Result.Reset.Should().BeTrue(run.Result.Error);
            Packets(run.TunPcap!).Select(IsReset).Should().Contain(true, "the reset the app saw is an RST segment the VPN wrote");
        });
    }

    [SkippableFact]
    public async Task UdpToClosedPort_ReachesTheAppAsPortUnreachable()
    {
        // Given a datagram to a port nothing listens on: the server's ICMPv4 port unreachable, translated by the NAT64
        var run = await Topology.RunAsync(PerAppScenarios.UdpClosedPort);

        // Then the app's socket gets ICMPv6 Destination Unreachable, port (1/4), from the address it dialled
        Expect(run, () => run.Result.IcmpErrors.Should().Contain(e => e.Type == 1 && e.Code == 4 && Equals(e.Source, run.Exchange.Target),
            $"no ICMPv6 port unreachable reached the app (RFC 4443 §3.1): {run.Result.Error}"));
    }

    [SkippableFact]
    [RunsLast]
    public async Task Flows_1000_AreCountedWhileOpen_AndTheCountComesBackAfterClose()
    {
        // Given the VPN's session count before (the idle flows over, so nothing else opens sessions meanwhile)
        await fixture.IdleDone;
        var vpn = Topology.Vpn!;
        var before = await SessionCounter.ReadAsync(vpn);

        // When 1000 TCP flows open and stay open, the count is read while they are
        var flows = Topology.RunAsync(PerAppScenarios.SessionFlows(Hold));
        var peak = before.Count;
        while (!flows.IsCompleted && peak < before.Count + 1000)
        {
            await Task.WhenAny(flows, Task.Delay(1000));
            peak = Math.Max(peak, (await SessionCounter.ReadAsync(vpn)).Count);
        }

        var run = await flows;
        var after = await SessionCounter.ReadAsync(vpn);
        var settle = System.Diagnostics.Stopwatch.StartNew();
        while (after.Count > before.Count && settle.Elapsed < SettleDeadline)
        {
            await Task.Delay(1000);
            after = await SessionCounter.ReadAsync(vpn);
        }

        // Then every flow worked, the count saw them all (a counter that cannot rise proves nothing), and it came back
        Expect(run, () =>
        {
            run.Result.Flows.Should().HaveCount(1000).And.OnlyContain(f => f.Ok, run.Result.Error);
            // The sessions counted before may be reaped meanwhile (the DNS checks leave UDP sessions that expire after 60 s
            // idle, measured: before 2, peak 1001), so the 1000 flows' own sessions are the floor.
            peak.Should().BeGreaterThanOrEqualTo(1000, $"1000 open flows are 1000 sessions (before: {before})");
            after.Count.Should().BeLessThanOrEqualTo(before.Count, $"no session may outlive its flow: before {before}, peak {peak}, after {after}");
        });
    }

    [SkippableFact]
    public async Task IdleTcp_65s_Survives()
    {
        // Given a TCP connection silent for 65 s (started with the topology, beside the other tests)
        var run = await fixture.IdleTcp;

        // Then the second echo still comes back on it
        Expect(run, () => run.Result.Ok.Should().BeTrue(run.Result.Error));
    }

    [SkippableFact]
    public async Task IdleUdp_65s_KeepsItsMapping()
    {
        // Given one UDP socket silent for 65 s, each datagram answered with the port the server saw
        var run = await fixture.IdleUdp;

        // Then both came back, and the server saw one flow: the VPN kept its socket (RFC 4787 REQ-5: a UDP mapping
        // lives at least 2 minutes); a new outer port means the VPN reaped the flow and opened another
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.Result.Peers.Should().HaveCount(2);
            run.Result.Peers[1].Should().Be(run.Result.Peers[0], "the outer port must not change across 65 s of silence");
        });
    }

    private static bool IsReset(IpPacket ip) => ip.Protocol == IpProtocol.Tcp && ip.Upper.Length >= 14 && (ip.Upper.Span[13] & 0x04) != 0;

    /// <summary>The IP packets of a pcap (Ethernet of a TAP or raw IP of a TUN alike).</summary>
    protected static List<IpPacket> Packets(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        return reader.ReadPackets().Select(p => IpPacket.TryParse(p.Ip, embedded: false, out var ip, out _) ? ip : null).OfType<IpPacket>().ToList();
    }

    /// <summary>The app's IPv6 /64 and IPv4 /24, as the contract gives them.</summary>
    protected IReadOnlyCollection<IPNetwork> AppSubnets =>
    [
        new(Topology.Plan.TunnelV6Subnet.BaseAddress, 64),
        new(new IPAddress([100, 67, (byte)Topology.Plan.Block, 0]), 24),
    ];
}
