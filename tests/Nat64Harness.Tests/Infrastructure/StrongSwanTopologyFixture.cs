using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>strongSwan 5.9.8 (IKEv2, userspace ESP, routes in table 220, MTU 1400 declared) over the IPv4-only underlay, from its folder alone.</summary>
public sealed class StrongSwanTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => TunnelVpn.FromFolder("strongswan");
}
