using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>WireGuard over the IPv4-only underlay, Jool as the NAT64 router.</summary>
public sealed class JoolWireGuardTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => TunnelVpn.WireGuard;

    /// <inheritdoc />
    protected override RouterKind Router => RouterKind.Jool;
}
