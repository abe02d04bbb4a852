using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>No VPN: the probe on the IPv6 access network, MTU 1500 all the way.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class BaselineConformanceTests(BaselineTopologyFixture fixture) : Nat64ConformanceTests(fixture)
{
    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.Whole;
}
