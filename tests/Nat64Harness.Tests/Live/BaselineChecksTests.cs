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
[Collection(DockerFourthLane.Name)]
public sealed class BaselineChecksTests(BaselineTopologyFixture fixture)
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
    public async Task RouterCaptures_StateWhenTheyRan_AndEveryPacketTheyHoldFallsInside()
    {
        // Given a TCP echo captured on both sides of the router
        var run = await fixture.Topology.RunAsync(ScenarioCatalog.TcpEcho);

        // Then each capture states when it was live, and holds nothing stamped outside that: the oracle excuses a lone
        // packet taken while the other capture was not running, so a start stamped late would excuse real losses.
        // The record beside the pcaps says the same, so `nat64h report` on a kept folder judges as the run did.
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            run.CaptureRecord.Should().NotBeNull("the exchange runner writes when each capture ran beside the pcaps");
            var recorded = Verification.CaptureRecord.Load(run.CaptureRecord!);
            recorded.Keys.Should().BeEquivalentTo(run.Captures.Where(c => c.Summary is not null).Select(c => c.Point));
            foreach (var capture in run.Captures.Where(c => c.Summary is not null))
            {
                recorded[capture.Point].Should().Be(Verification.CaptureCoverage.Of(capture.Summary), capture.Point.Name);
            }

            Verification.CaptureRecord.LoadExchange(run.CaptureRecord!).Should().Be(new Verification.RecordedExchange(Model.ExchangeKind.Tcp, true, null), "the record keeps the exchange's kind and the probe's verdict");
            var translation = Verification.RunRecord.Load(fixture.Topology.RunDirectory);
            translation.Should().NotBeNull("the folder's run.json keeps the router and prefix its pcaps were translated with");
            (translation!.Value.Router, translation.Value.Prefix, translation.Value.Block).Should().Be((fixture.Topology.Translator.Profile, fixture.Topology.Plan.Prefix, fixture.Topology.Plan.Block));

            foreach (var point in new[] { Model.CapturePoint.V6Bridge, Model.CapturePoint.V4Bridge })
            {
                var summary = run.SummaryOf(point)!;
                summary.Opened.Should().NotBeNull().And.BeBefore(summary.Closed!.Value);
                using var reader = Capture.PcapReader.Open(run.Captures.Single(c => c.Point == point).Path);
                var stamps = reader.ReadPackets().Select(p => p.Timestamp).ToList();
                stamps.Should().NotBeEmpty().And.OnlyContain(t => t >= summary.Opened && t <= summary.Closed,
                    $"{point.Name} was live from {summary.Opened:O} to {summary.Closed:O}");
            }
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
