using Nat64Harness.Topology;
using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>No VPN, Jool as the NAT64 router (stateful; a QEMU micro-VM on this host).</summary>
public sealed class JoolTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => null;

    /// <inheritdoc />
    protected override RouterKind Router => RouterKind.Jool;
}
