using FluentAssertions;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The conformance suite with Jool as the NAT64 router. What differs from Tayga is stated in the router's
/// profile (RouterProfile.Jool) and in the oracle's stateful mode, not hidden here: Jool maps client ports and
/// ICMP identifiers into pool4 (RFC 6146), decrements the hop limit once, and sets DF as RFC 7915 §5.1 says.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "jool")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class JoolConformanceTests(JoolTopologyFixture fixture) : Nat64ConformanceTests(fixture), IClassFixture<JoolTopologyFixture>
{
    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.Whole;

    [SkippableFact]
    public async Task Jool_OnThisHost_ReportsTheModeItChose()
    {
        // This kernel cannot load modules: the router must have chosen the micro-VM, and said so
        var jool = (Containers.Jool.JoolContainer)Topology.Router;
        var expected = Directory.Exists("/sys/module/jool") ? Containers.Jool.JoolMode.HostModule : Containers.Jool.JoolMode.MicroVm;

        (await jool.ReadModeAsync()).Should().Be(expected);
    }
}
