using System.Text;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The conformance suite plus what only a tunnel over an IPv4-only underlay must show (containers/vpn-contract.md).
/// Nothing here knows a VPN's device names, tables or MTU: the tunnel device is the one holding the client's tunnel
/// address, routes are judged by the kernel's own lookups, broken paths are made with a rule ahead of the VPN's,
/// and every MTU expectation uses the MTU the VPN declared and its kernels confirmed.
/// </summary>
/// <param name="fixture">The topology.</param>
/// <param name="output">Where the routing, MTU and sweep reports go (shown with <c>--logger "console;verbosity=detailed"</c>).</param>
public abstract partial class TunnelVpnConformanceTests(TopologyFixture fixture, ITestOutputHelper output) : Nat64ConformanceTests(fixture)
{
    /// <summary>The probe's payload marker (containers/probe/probe.py).</summary>
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("NAT64H-PROBE");

    /// <summary>The tunnel's MTU: declared by both ends and read back from their kernels at start.</summary>
    protected int TunnelMtu => Topology.Vpn?.TunnelMtu ?? throw new InvalidOperationException("a tunnel VPN always has a tunnel MTU");

    /// <inheritdoc />
    protected sealed override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.ThroughTunnel(TunnelMtu);

    /// <summary>
    /// What an echo request with hop limit 2 meets: it expires on arrival at the NAT64 router, whose kernel answers
    /// from its access address, which the client must route back into the tunnel. A VPN that cannot states why.
    /// </summary>
    protected virtual HopLimitOutcome ExpectedHopLimitTwo => HopLimitOutcome.TimeExceededFrom(Topology.Plan.RouterV6, "the NAT64 router, where the hop limit runs out");

    [SkippableFact]
    public async Task Underlay_DuringExchanges_CarriesOnlyEncapsulatedIpv4()
    {
        // Given TCP and ICMPv6 exchanges whose payloads carry a readable marker
        var plan = Topology.Plan;
        var run = await Topology.RunAsync(ScenarioCatalog.UnderlayTcp);
        var macs = await Topology.UnderlayMacsAsync();

        // When the underlay capture is audited frame by frame
        var report = UnderlayAudit.Inspect(run.UnderlayPcap!, macs, plan.VpnServerUnderlay, plan.VpnClientUnderlay, Marker);

        // Then it holds the tunnel's UDP between the two endpoints and nothing else of the VPN's
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            macs.Should().HaveCount(2, "server and client each hold one underlay address");
            report.Violations.Should().BeEmpty(report.ToString());
            report.TunnelDatagrams.Should().BeGreaterThan(0, "the exchange must have crossed the underlay");
        });
    }

    [SkippableFact]
    public async Task Routing_OfClient_SteersIntoTheTunnelOnlyWhatTheContractAllows()
    {
        // Given the client after ready; When its rules, every table and the kernel's lookups are read in its namespace
        var report = await Topology.ReadTunnelRoutingAsync();
        Log(report.ToString());

        // Then the prefix and the server's tunnel address enter the tunnel device, nothing beyond the path does
        TunnelAssertions.RoutingConforms(report);
    }

    [SkippableFact]
    public async Task Containers_AfterStart_HaveNoDefaultRouteInAnyTable()
    {
        var routes = await Topology.DefaultRoutesAsync();

        routes.Should().AllSatisfy(r => r.Value.Should().BeEmpty($"{r.Key} must reach only our own containers, in every table"));
    }

    [SkippableFact]
    public async Task TunnelMtu_DeclaredByBothEnds_IsWhatTheirKernelsSend()
    {
        // Given the MTU the VPN declared at start; When both ends' kernels are asked again
        var report = await Topology.CheckTunnelMtuAsync();
        Log(report.ToString());

        // Then they send exactly the declared MTU toward the path, and the topology uses it
        TunnelAssertions.MtuAgrees(report, TunnelMtu);
    }

    [SkippableTheory]
    [InlineData("icmp")]
    [InlineData("udp")]
    public async Task DfSweep_UpToTheDeclaredMtu_EverySizeCrossesBothWays(string mode)
    {
        // Given don't-fragment packets from 1280 bytes up to the declared MTU (and one above it)
        var sweep = await Topology.SweepTunnelMtuAsync(mode);
        Log(sweep.ToString());

        // Then the largest answered is the declared MTU, and the kernel claims no more
        TunnelAssertions.SweepCarriesDeclared(sweep, TunnelMtu);
    }

    [SkippableFact]
    public async Task TcpSyn_ThroughTunnel_AdvertisesTheMssOfTheDeclaredMtu()
    {
        var run = await Topology.RunAsync(ScenarioCatalog.TcpEcho);

        CaptureEvidence.Assert(run, () => TunnelAssertions.SynMssFits(run, Topology.ProbeSource, TunnelMtu));
    }

    [SkippableFact]
    public async Task HopLimitTwo_ExpiresAtTheRouter_MeetsThisVpnsExpectedOutcome()
    {
        // Given an echo request that can cross the VPN server but not the NAT64 router
        var run = await Topology.RunAsync(TunnelScenarios.HopLimitTwo);

        // Then what comes back is what this VPN can carry back (Time Exceeded from the router, or a stated deviation)
        CaptureEvidence.Assert(run, () => ExpectedHopLimitTwo.Assert(run));
    }

    [SkippableFact]
    public async Task BrokenVpn_ClientRuleMakesPrefixUnreachable_TcpEchoFailsAsUnreachable_ThenServedAgain()
    {
        // Given a rule ahead of every table of the VPN's that makes the NAT64 prefix unreachable from the client
        var client = (HarnessContainer)Topology.Vpn!.Client;
        await using (await BrokenPathRule.AddAsync(client, "to", Topology.Plan.Prefix.ToString()))
        {
            // When the probe dials the echo server
            var run = await Topology.RunAsync(ScenarioCatalog.BrokenPath(ExchangeKind.Tcp));

            // Then the exchange fails, and says the prefix is unreachable from the client
            run.Result.Ok.Should().BeFalse();
            run.Result.Error.Should().Contain("Network is unreachable");
        }

        // And with the rule gone the same path works: the rule, nothing else, broke it
        await AssertServedAsync();
    }

    [SkippableFact]
    public async Task BrokenVpn_ServerRuleMakesPrefixUnreachable_EchoFailsWithUnreachableFromServer_ThenServedAgain()
    {
        // Given a VPN server whose kernel can no longer forward the client's packets toward the prefix
        var plan = Topology.Plan;
        var server = (HarnessContainer)Topology.Vpn!.Server!;
        await using (await BrokenPathRule.AddAsync(server, "from", plan.TunnelClientV6.ToString(), "to", plan.Prefix.ToString()))
        {
            var run = await Topology.RunAsync(ScenarioCatalog.BrokenPath(ExchangeKind.Icmp));

            // Then ICMPv6 Destination Unreachable, no route (type 1, code 0), comes back from the server's end of the tunnel
            run.Result.Ok.Should().BeFalse();
            var reply = run.Result.Replies.Should().ContainSingle().Subject;
            reply.Type.Should().Be(1, run.Result.Error);
            reply.Code.Should().Be(0);
            reply.Source.Should().Be(plan.TunnelServerV6);
        }

        await AssertServedAsync();
    }

    /// <summary>Writes a report into the test's output.</summary>
    protected void Log(string text) => output.WriteLine(text);

    private async Task AssertServedAsync()
    {
        var again = await Topology.RunAsync(ScenarioCatalog.StillServed);
        again.Result.Ok.Should().BeTrue($"the path must work again once the rule is gone: {again.Result.Error}");
    }
}
