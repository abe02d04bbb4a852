using FluentAssertions;
using Nat64Harness.Probing;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>Exchanges through Tayga on the well-known prefix, judged on the probe's result and on both bridges' captures.</summary>
[Trait("Category", "Docker")]
public sealed class BaselineExchangeTests(BaselineFixture fixture) : IClassFixture<BaselineFixture>
{
    [SkippableFact]
    public async Task TcpEcho_ToWellKnownPrefix_Baseline_ReturnsPayload()
    {
        // Given the baseline topology
        var topology = fixture.Topology;

        // When the probe sends 1000 bytes over TCP to the echo server's synthesised address
        var run = await topology.RunAsync(new Exchange(ExchangeKind.Tcp, topology.Plan.EchoSynthesized, Size: 1000), "tcp-echo");

        // Then the same bytes come back, and both sides of the router saw the flow
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.V6Packets.Should().BeGreaterThan(0);
            run.V4Packets.Should().BeGreaterThan(0);
        });
    }

    [SkippableFact]
    public async Task UdpEcho_ToWellKnownPrefix_Baseline_ReturnsPayload()
    {
        var topology = fixture.Topology;

        var run = await topology.RunAsync(new Exchange(ExchangeKind.Udp, topology.Plan.EchoSynthesized, Size: 512, Count: 3), "udp-echo");

        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.V6Packets.Should().Be(6, "3 requests and 3 replies cross the IPv6 side");
            run.V4Packets.Should().Be(6, "3 requests and 3 replies cross the IPv4 side");
        });
    }

    [SkippableFact]
    public async Task Icmpv6Echo_ToWellKnownPrefix_Baseline_Replies()
    {
        var topology = fixture.Topology;

        var run = await topology.RunAsync(new Exchange(ExchangeKind.Icmp, topology.Plan.EchoSynthesized, Size: 56, Count: 3), "icmpv6-echo");

        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.V4Packets.Should().Be(6, "3 ICMP echo requests and 3 replies on the IPv4 side");
        });
    }

    [SkippableFact]
    public async Task TcpEcho_ToUnmappedPort_Baseline_IsReportedAsFailure()
    {
        // Given a port nothing listens on: the probe must report the failure, not pass silently
        var topology = fixture.Topology;

        var run = await topology.RunAsync(new Exchange(ExchangeKind.Tcp, topology.Plan.EchoSynthesized, Port: 9, Timeout: TimeSpan.FromSeconds(2)), "tcp-refused");

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

        routes.Should().HaveCount(3);
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
