using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>OpenVPN 2.6 over the IPv4-only underlay.</summary>
public sealed class OpenVpnTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => TunnelVpn.OpenVpn;
}
