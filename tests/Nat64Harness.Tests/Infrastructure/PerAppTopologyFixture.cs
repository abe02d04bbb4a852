namespace Nat64Harness.Tests.Infrastructure;

/// <summary>The reference per-app userspace VPN (C#, containers/perapp-vpn), clean: the probe runs as the app's uid in its namespace.</summary>
public sealed class PerAppTopologyFixture : PerAppVpnFixture
{
    /// <inheritdoc />
    protected override string Folder => "perapp-vpn";
}
