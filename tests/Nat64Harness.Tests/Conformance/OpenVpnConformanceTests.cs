using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>OpenVpn over an IPv4-only underlay, tunnel MTU 1420.</summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed class OpenVpnConformanceTests(OpenVpnTopologyFixture fixture) : TunnelVpnConformanceTests(fixture), IClassFixture<OpenVpnTopologyFixture>
{
    /// <inheritdoc />
    protected override string TunnelDevice => "tun-nat64h";

    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.ThroughSmallerTunnel(Vpn.TunnelVpn.DefaultTunnelMtu);
}
