using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>No VPN: probe on the IPv6 access network. One for the whole fourth Docker lane (<see cref="DockerFourthLane"/>).</summary>
public sealed class BaselineTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => null;
}
