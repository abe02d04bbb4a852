using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>No VPN, Jool as the NAT64 router (stateful; in a QEMU micro-VM where the host kernel has no jool module).</summary>
public sealed class JoolTopologyFixture : TopologyFixture
{
    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => null;

    /// <inheritdoc />
    protected override RouterKind Router => RouterKind.Jool;
}
