using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>No VPN: the probe on the IPv6 access network, MTU 1500 all the way.</summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed class BaselineConformanceTests(BaselineTopologyFixture fixture) : Nat64ConformanceTests(fixture), IClassFixture<BaselineTopologyFixture>
{
    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.Whole;
}
