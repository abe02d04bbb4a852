using System.Globalization;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// strongSwan from containers/strongswan alone: policy routing (table 220 behind rule 220), a 1400-byte MTU of its
/// own, declared. The whole tunnel suite, with one stated deviation (hop limit 2), and the read-back check shown
/// failing when its device is raised above what it declared.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "strongswan")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerThirdLane.Name)]
public sealed class StrongSwanConformanceTests(StrongSwanTopologyFixture fixture, ITestOutputHelper output)
    : TunnelVpnConformanceTests(fixture, output), IClassFixture<StrongSwanTopologyFixture>
{
    /// <summary>
    /// strongSwan 5.9.8's kernel-libipsec installs a child SA only when the gateway holds an address inside each of its
    /// traffic selectors (fixed upstream in 5.9.12); the server cannot hold the router's, so the router's /128 is not
    /// routed, and its kernel's Time Exceeded is dropped at the server (containers/strongswan/README.md).
    /// </summary>
    public static HopLimitOutcome HopLimitTwoWithoutRouterRoute { get; } = HopLimitOutcome.NoAnswer(
        "strongSwan 5.9.8's libipsec cannot route the NAT64 router's /128 (a gateway must hold an address inside each traffic selector; fixed in 5.9.12), so the router's Time Exceeded is dropped at the VPN server");

    /// <inheritdoc />
    protected override HopLimitOutcome ExpectedHopLimitTwo => HopLimitTwoWithoutRouterRoute;

    /// <summary>
    /// The same limit keeps the DNS64 resolver's /128 (NAT64H_DNS_V6) out of its traffic selectors: the resolver is on
    /// the access net, where the server holds no address of a selector that would cover it and nothing else. So no
    /// query reaches the resolver through the tunnel, and every check that resolves a name fails as DNS ("did not
    /// answer", the resolver named), never as a NAT64 failure. Asserted, so a strongSwan that carries DNS fails here
    /// until the entries go.
    /// </summary>
    public static IReadOnlyList<KnownDeviation> Known { get; } =
    [
        .. new[] { DnsTransport.Udp, DnsTransport.Tcp, DnsTransport.System }.Select(t => DnsScenarios.Resolve(TestZone.Echo, t).Name)
            .Append(DnsScenarios.Resolve(TestZone.Dual, DnsTransport.Udp).Name)
            .Append(DnsScenarios.TcpEchoByName.Name)
            .Append(DnsScenarios.UdpEchoByName.Name)
            .Append(DnsScenarios.DiscoverByDns.Name)
            .Select(check => new KnownDeviation(check, "did not answer",
                "strongSwan 5.9.8's libipsec cannot route the DNS64 resolver's /128 into the tunnel (a gateway must hold an address inside each traffic selector; fixed in 5.9.12)",
                "RFC 6147 §5.1.6 (the DNS64 resolver is never reached); containers/vpn-contract.md, DNS")),
    ];

    /// <inheritdoc />
    protected override IReadOnlyList<KnownDeviation> Deviations => Known;

    [SkippableFact]
    public async Task Routing_RouterAddressOutsideTheTunnel_IsTheStatedDeviation()
    {
        // Given the client's routing; Then the router's address is the one the contract's "should" it does not meet, and it says so
        var report = await Topology.ReadTunnelRoutingAsync();

        report.Steers(RouteRequirement.ShouldBeInTunnel).Should().BeFalse(report.ToString());
        report.Notes.Should().ContainSingle().Which.Should().Contain(Topology.Plan.RouterV6.ToString());
        report.TunnelRoutes.Should().Contain(r => r.Table == "220", "strongSwan routes in its own table:\n{0}", report);
    }

    [SkippableFact]
    public async Task MtuReadBack_ClientDeviceRaisedAfterReady_FailsNamingDeclarationAndDevice_AndTheSynMssBetraysIt()
    {
        // Given strongSwan declaring 1400, and its client's tunnel device raised to 1420 after ready (what libipsec cannot carry)
        var client = (HarnessContainer)Topology.Vpn!.Client;
        var device = (await Topology.ReadTunnelRoutingAsync()).TunnelDevice!;
        await SetMtuAsync(client, device, TunnelMtu + 20);
        try
        {
            // When the MTU is read back, and a TCP connection opens
            var report = await Topology.CheckTunnelMtuAsync();
            var run = await Topology.RunAsync(ScenarioCatalog.TcpEcho);

            // Then the check the suite runs fails, naming the declaration and the device's MTU, and so does the MSS check
            var agree = () => TunnelAssertions.MtuAgrees(report, TunnelMtu);
            agree.Should().Throw<Exception>().WithMessage($"*the client declares mtu={TunnelMtu} but its kernel sends up to {TunnelMtu + 20}*dev {device}*");
            var mss = () => TunnelAssertions.SynMssFits(run, Topology.ProbeSource, TunnelMtu);
            CaptureEvidence.Assert(run, () => mss.Should().Throw<Exception>().WithMessage($"*{TunnelMtu - 60}*{TunnelMtu + 20 - 60}*"));
        }
        finally
        {
            await SetMtuAsync(client, device, TunnelMtu);
        }

        TunnelAssertions.MtuAgrees(await Topology.CheckTunnelMtuAsync(), TunnelMtu);
    }

    private static Task<string> SetMtuAsync(HarnessContainer container, string device, int mtu) =>
        container.RunAsync(["ip", "link", "set", "dev", device, "mtu", mtu.ToString(CultureInfo.InvariantCulture)]);
}
