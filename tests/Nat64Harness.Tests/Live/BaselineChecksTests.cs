using FluentAssertions;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>Baseline checks beside the conformance suite: failures are reported, default routes are gone and detected.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class BaselineChecksTests(BaselineTopologyFixture fixture) : IClassFixture<BaselineTopologyFixture>
{
    [SkippableFact]
    public async Task TcpEcho_ToUnmappedPort_Baseline_IsReportedAsFailure()
    {
        // Given a port nothing listens on: the probe must report the failure, not pass silently
        var topology = fixture.Topology;

        var run = await topology.RunAsync(ScenarioCatalog.RefusedPort);

        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeFalse();
            run.Result.Error.Should().Contain("ConnectionRefused");
        });
    }

    [SkippableFact]
    public async Task Containers_AfterStart_HaveNoDefaultRoute()
    {
        var topology = fixture.Topology;

        var routes = await topology.DefaultRoutesAsync();

        // Router, echo and probe, and the DNS containers when the run has DNS: every one of them is looked at
        var dns = new object?[] { topology.DnsAuth, topology.Resolver, topology.Pref64Sender }.Count(c => c is not null);
        routes.Should().HaveCount(3 + dns);
        routes.Should().AllSatisfy(r => r.Value.Should().BeEmpty($"{r.Key} must reach only our own containers"));
    }

    [SkippableFact]
    public async Task DefaultRouteCheck_WhenAContainerGainsOne_ReportsIt()
    {
        // Given a default route added by hand inside the probe (what an image that forgot to drop it would keep)
        var topology = fixture.Topology;
        await topology.Probe.RunAsync(["ip", "-6", "route", "add", "default", "via", topology.Plan.RouterV6.ToString()]);
        try
        {
            // When the check runs
            var routes = await topology.DefaultRoutesAsync();

            // Then it names the container and the route
            routes[topology.Probe.Name].Should().Contain("default via " + topology.Plan.RouterV6);
        }
        finally
        {
            await topology.Probe.RunAsync(["ip", "-6", "route", "del", "default"]);
        }
    }
}
