using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>WireGuard (wireguard-go) over the IPv4-only underlay.</summary>
public sealed class WireGuardTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => TunnelVpn.WireGuard;
}
