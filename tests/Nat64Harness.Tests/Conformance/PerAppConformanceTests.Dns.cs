using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// DNS behind the per-app VPN. The VPN is given the network's resolver (NAT64H_DNS_V6) and routes it into its TUN for
/// the app's uid: the app's queries enter the TUN like any flow and leave from the VPN's own socket. Another uid's
/// queries bypass the VPN and go straight to the resolver.
/// </summary>
public sealed partial class PerAppConformanceTests
{
    [SkippableFact]
    public async Task AppUid_Dns_GoesThroughTheVpn()
    {
        // Given the app's uid resolving as an app does
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Echo, DnsTransport.System));

        // Then the answer came back through the TUN: the VPN wrote the resolver's answer into it
        CaptureEvidence.Assert(run, () =>
        {
            DnsSupport.Judge(Topology, run).Passed.Should().BeTrue(run.Result.Error);
            DnsAnswersWrittenIntoTun(run).Should().BeGreaterThan(0, "the app's query to the resolver goes through the VPN");
        });
    }

    [SkippableFact]
    public async Task OtherUid_Dns_BypassesTheVpn()
    {
        // Given a uid the VPN does not steer, resolving the same name
        var scenario = DnsScenarios.Resolve(TestZone.Echo, DnsTransport.System);
        var run = await Topology.RunAsync(scenario.Build(Topology.Plan) with { Uid = PerAppVpn.OtherUid }, "dns-other-uid");

        // Then it resolves, and not one packet of it went through the TUN
        CaptureEvidence.Assert(run, () =>
        {
            DnsSupport.Judge(Topology, run).Passed.Should().BeTrue(run.Result.Error);
            DnsSupport.Packets(run.TunPcap).Should().Be(0, "only the app's uid is routed into the TUN");
            DnsSupport.QuerySources(run.DnsPcap, Topology.Plan.Dns64V6).Should().NotBeEmpty("the query reached the resolver directly");
        });
    }

    [SkippableFact]
    public async Task AppUid_Dns_WithoutTheVpnsResolverRoute_IsSeenBypassingIt()
    {
        // Given a VPN that does not carry DNS (the route of the resolver into its TUN removed)
        var vpn = (HarnessContainer)Topology.Vpn!.Client;
        var route = new[] { $"{Topology.Plan.Dns64V6}/128", "dev", Topology.Vpn!.TunDevice!, "table", "100" };
        await vpn.RunAsync(["ip", "-6", "route", "del", .. route]);
        try
        {
            // When the app resolves
            var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Echo, DnsTransport.System));

            // Then the name still resolves, but the check that its DNS went through the VPN fails: the bypass is seen
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            DnsAnswersWrittenIntoTun(run).Should().Be(0);
        }
        finally
        {
            await vpn.RunAsync(["ip", "-6", "route", "add", .. route]);
        }
    }

    // UDP or TCP from the resolver's port 53 that the VPN wrote into its TUN toward the app.
    private int DnsAnswersWrittenIntoTun(ExchangeRun run)
    {
        if (run.TunPcap is null)
        {
            return 0;
        }

        return Packets(run.TunPcap).Count(ip => ip.Source.Equals(Topology.Plan.Dns64V6) && ip.SourcePort == 53);
    }
}
