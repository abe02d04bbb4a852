using FluentAssertions;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// strongSwan with its route-all fault: traffic selectors ::/0, so its client routes all IPv6 into the tunnel from
/// table 220. The route check fails naming table, rule and route; and with the router's address now routed, the hop
/// limit 2 deviation strongSwan states no longer holds.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "strongswan")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerSecondLane.Name)]
public sealed class StrongSwanRouteAllTests(StrongSwanRouteAllTopologyFixture fixture, ITestOutputHelper output) : IClassFixture<StrongSwanRouteAllTopologyFixture>
{
    [SkippableFact]
    public async Task Routing_DefaultRouteIntoTheTunnel_FailsTheRouteCheckNamingTableRuleAndRoute()
    {
        // Given the client's routing after ready
        var topology = fixture.Topology;
        var report = await topology.ReadTunnelRoutingAsync();
        output.WriteLine(report.ToString());

        // Then the suite's route check fails, saying where the route is and what it carries into the tunnel
        var conforms = () => TunnelAssertions.RoutingConforms(report);
        conforms.Should().Throw<Exception>()
            .WithMessage("*table 220 (rule 220: from all lookup 220): `default dev ipsec0*routes ::/0 into the tunnel*")
            .WithMessage($"*fd00::1 (a unique local address outside our networks) is steered into the tunnel*")
            .WithMessage($"*{topology.Plan.VpnAccessV6} (the server's own access address, beyond the path) is steered into the tunnel*");
    }

    [SkippableFact]
    public async Task DefaultRoutes_RouteAll_AreFoundInTheVpnsOwnTable()
    {
        var routes = await fixture.Topology.DefaultRoutesAsync();

        routes.Should().Contain(r => r.Value.Contains("default dev ipsec0 table 220"), "the check reads every table, not only main");
    }

    [SkippableFact]
    public async Task HopLimitTwo_RouterNowRouted_FailsStrongSwansStatedDeviation()
    {
        // Given ::/0 in the selectors, the router's Time Exceeded is carried back
        var topology = fixture.Topology;
        var run = await topology.RunAsync(TunnelScenarios.HopLimitTwo);

        // Then the deviation strongSwan states is not met, and the contract's outcome is
        var deviation = () => StrongSwanConformanceTests.HopLimitTwoWithoutRouterRoute.Assert(run);
        CaptureEvidence.Assert(run, () =>
        {
            deviation.Should().Throw<Exception>().WithMessage("*no answer*");
            HopLimitOutcome.TimeExceededFrom(topology.Plan.RouterV6, "the router").Assert(run);
        });
    }
}
