using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>strongSwan started with its device-mtu fault: ipsec0 and the declaration say 1420, libipsec carries 1400.</summary>
public sealed class StrongSwanDeviceMtuTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => VpnCatalog.Find("strongswan:device-mtu", TestSettings.Current.Layout.Containers);
}
