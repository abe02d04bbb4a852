using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>WireGuard over an IPv4-only underlay, tunnel MTU 1420.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "wireguard")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class WireGuardConformanceTests(WireGuardTopologyFixture fixture) : TunnelVpnConformanceTests(fixture), IClassFixture<WireGuardTopologyFixture>
{
    /// <inheritdoc />
    protected override string TunnelDevice => "wg0";

    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.ThroughSmallerTunnel(Vpn.TunnelVpn.DefaultTunnelMtu);
}
