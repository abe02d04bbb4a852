using System.Text;
using FluentAssertions;
using Nat64Harness.Probing;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The conformance suite plus what only a tunnel over an IPv4-only underlay must show.</summary>
public abstract class TunnelVpnConformanceTests(TopologyFixture fixture) : Nat64ConformanceTests(fixture)
{
    /// <summary>The probe's payload marker (containers/probe/probe.py).</summary>
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("NAT64H-PROBE");

    [SkippableFact]
    public async Task Underlay_DuringExchanges_CarriesOnlyEncapsulatedIpv4()
    {
        // Given TCP and ICMPv6 exchanges whose payloads carry a readable marker
        var plan = Topology.Plan;
        var run = await Topology.RunAsync(new Exchange(ExchangeKind.Tcp, plan.EchoSynthesized, Size: 3000), "underlay-tcp");
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
}
