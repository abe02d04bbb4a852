namespace Nat64Harness.Tests.Infrastructure;

/// <summary>slirp4netns (containers/slirp4netns), a per-app-netns VPN nobody here wrote: the probe is the app container.</summary>
public sealed class Slirp4netnsTopologyFixture : PerAppVpnFixture
{
    /// <inheritdoc />
    protected override string Folder => "slirp4netns";
}
