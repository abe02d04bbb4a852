using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>The reference per-app userspace VPN (C#), clean: the probe runs as the app's uid in its namespace.</summary>
public sealed class PerAppTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => PerAppVpn.Clean;
}
