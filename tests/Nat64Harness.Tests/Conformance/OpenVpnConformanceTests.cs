using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>OpenVpn over an IPv4-only underlay, tunnel MTU 1420.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "openvpn")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class OpenVpnConformanceTests(OpenVpnTopologyFixture fixture) : TunnelVpnConformanceTests(fixture), IClassFixture<OpenVpnTopologyFixture>
{
    /// <inheritdoc />
    protected override string TunnelDevice => "tun-nat64h";

    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.ThroughSmallerTunnel(Vpn.TunnelVpn.DefaultTunnelMtu);
}
