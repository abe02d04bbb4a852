using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The tunnel suite behind WireGuard with Jool as the NAT64 router.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "wireguard")]
[Trait("Router", "jool")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class JoolWireGuardConformanceTests(JoolWireGuardTopologyFixture fixture) : TunnelVpnConformanceTests(fixture), IClassFixture<JoolWireGuardTopologyFixture>
{
    /// <inheritdoc />
    protected override string TunnelDevice => "wg0";

    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.ThroughSmallerTunnel(Vpn.TunnelVpn.DefaultTunnelMtu);
}
