using System.Text;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The conformance suite plus what only a tunnel over an IPv4-only underlay must show.</summary>
public abstract partial class TunnelVpnConformanceTests(TopologyFixture fixture) : Nat64ConformanceTests(fixture)
{
    /// <summary>The probe's payload marker (containers/probe/probe.py).</summary>
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("NAT64H-PROBE");

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
    public async Task BrokenVpn_ClientWithoutRouteForPrefix_TcpEchoFailsAsUnreachable()
    {
        // Given a VPN client that lost its route for the NAT64 prefix (a VPN that forgot to route it into the tunnel)
        var plan = Topology.Plan;
        var client = (Containers.HarnessContainer)Topology.Vpn!.Client;
        await client.RunAsync(["ip", "-6", "route", "del", plan.Prefix.ToString()]);
        try
        {
            // When the probe dials the echo server
            var run = await Topology.RunAsync(ScenarioCatalog.BrokenPath(ExchangeKind.Tcp));

            // Then the exchange fails, and says the prefix is unreachable from the client
            run.Result.Ok.Should().BeFalse();
            run.Result.Error.Should().Contain("unreachable");
        }
        finally
        {
            await client.RunAsync(["ip", "-6", "route", "replace", plan.Prefix.ToString(), "dev", TunnelDevice]);
        }
    }

    [SkippableFact]
    public async Task BrokenVpn_ServerNotForwardingPrefix_TcpEchoFailsWithUnreachableFromServer()
    {
        // Given a VPN server without its route toward the NAT64 router (it can no longer forward the prefix)
        var plan = Topology.Plan;
        var server = (Containers.HarnessContainer)Topology.Vpn!.Containers.First(c => c != Topology.Vpn.Client);
        await server.RunAsync(["ip", "-6", "route", "del", plan.Prefix.ToString()]);
        try
        {
            var run = await Topology.RunAsync(ScenarioCatalog.BrokenPath(ExchangeKind.Icmp));

            // Then ICMPv6 Destination Unreachable comes back from the server's end of the tunnel
            run.Result.Ok.Should().BeFalse();
            run.Result.Error.Should().Contain($"ICMPv6 error type 1").And.Contain(plan.TunnelServerV6.ToString());
        }
        finally
        {
            await server.RunAsync(["ip", "-6", "route", "replace", plan.Prefix.ToString(), "via", plan.RouterV6.ToString()]);
        }
    }

    /// <summary>The client's tunnel device, as the reference image names it.</summary>
    protected abstract string TunnelDevice { get; }
}
