using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>strongSwan started with its route-all fault: traffic selectors ::/0, so table 220 routes all IPv6 into ipsec0.</summary>
public sealed class StrongSwanRouteAllTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => VpnCatalog.Find("strongswan:route-all", TestSettings.Current.Layout.Containers);
}
