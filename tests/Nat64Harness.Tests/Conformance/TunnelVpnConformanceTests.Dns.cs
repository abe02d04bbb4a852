using System.Text;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>DNS behind a tunnel VPN: through the tunnel and nowhere else, and a VPN that drops it fails as DNS.</summary>
public abstract partial class TunnelVpnConformanceTests
{
    private static readonly byte[] ProbeMarker = Encoding.ASCII.GetBytes("NAT64H-PROBE");

    [SkippableFact]
    public async Task Underlay_DuringExchangeByName_CarriesNoDnsInClear()
    {
        // Given an empty resolver cache, and an exchange by name: the probe's query goes to the resolver, the resolver's
        // to the authoritative server
        await Topology.Resolver!.FlushCacheAsync();
        var run = await Topology.RunAsync(DnsScenarios.TcpEchoByName);
        var macs = await Topology.UnderlayMacsAsync();

        // When the underlay capture is audited
        var report = UnderlayAudit.Inspect(run.UnderlayPcap!, macs, Topology.Plan.VpnServerUnderlay, Topology.Plan.VpnClientUnderlay, ProbeMarker);

        // Then the query crossed inside the tunnel only: no port 53 and no readable name of the zone on the underlay
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            DnsSupport.QuerySources(run.DnsPcap, Topology.Plan.Dns64V6).Should().Equal(Topology.Plan.TunnelClientV6);
            report.DnsInClear.Should().Be(0, report.ToString());
            report.Violations.Should().BeEmpty(report.ToString());
            report.TunnelDatagrams.Should().BeGreaterThan(0);
        });
    }

    [SkippableFact]
    public async Task Underlay_QueryToAResolverBesideTheTunnel_IsDnsInClear()
    {
        // Given a VPN that leaks DNS: the app's query goes to a resolver reached over the underlay (the server's
        // underlay address), not through the tunnel
        var plan = Topology.Plan;
        var leak = DnsExchange.Resolve(new DnsQuestion(TestZone.Echo, "AAAA", DnsTransport.Udp, plan.VpnServerUnderlay), plan.Dns64V6, TimeSpan.FromSeconds(1));
        var run = await Topology.RunAsync(leak, "dns-leak");
        var macs = await Topology.UnderlayMacsAsync();

        // When the underlay is audited
        var report = UnderlayAudit.Inspect(run.UnderlayPcap!, macs, plan.VpnServerUnderlay, plan.VpnClientUnderlay, ProbeMarker);

        // Then the audit names the DNS in clear (the negative of the test above)
        report.DnsInClear.Should().BeGreaterThan(0, report.ToString());
        report.Violations.Should().Contain(v => v.Contains($"DNS in clear on the underlay: UDP {plan.VpnClientUnderlay}:") && v.Contains($"→ {plan.VpnServerUnderlay}:53"));
    }

    [SkippableFact]
    public async Task BrokenVpn_ServerDroppingDns_ExchangeByNameFailsAsDns()
    {
        // Given a VPN server that swallows whatever the client sends to the resolver (a blackhole route: no error back)
        var plan = Topology.Plan;
        var server = (HarnessContainer)Topology.Vpn!.Containers.First(c => c != Topology.Vpn.Client);
        await server.RunAsync(["ip", "-6", "route", "add", "blackhole", $"{plan.Dns64V6}/128"]);
        try
        {
            // When the probe dials the echo server by name
            var run = await Topology.RunAsync(DnsScenarios.UdpEchoByName);

            // Then the exchange fails at DNS, named as such, with the resolver that did not answer
            run.Result.Ok.Should().BeFalse();
            run.Result.FailedAtResolution.Should().BeTrue(run.Result.Error);
            run.Result.Error.Should().StartWith($"resolve {TestZone.Echo}:").And.Contain($"{plan.Dns64V6} did not answer");
            DnsSupport.Judge(Topology, run).Failures.Should().Contain("DNS failure");
        }
        finally
        {
            await server.RunAsync(["ip", "-6", "route", "del", "blackhole", $"{plan.Dns64V6}/128"]);
        }
    }
}
