using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// The baseline on a fixed address block, so that live captures can be compared with golden pcaps field by
/// field: addresses are not normalised (they are what RFC 6052 and the pool decide), so the plan must not move.
/// </summary>
public sealed class GoldenTopologyFixture : TopologyFixture
{
    /// <summary>The block golden captures were recorded on (the helpers' manual checks use 250-252).</summary>
    public const int GoldenBlock = 240;

    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => null;

    /// <inheritdoc />
    protected override int? Block => GoldenBlock;
}
