using FluentAssertions;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The per-app suite, unchanged, against slirp4netns (containers/slirp4netns, kind per-app-netns): a userspace stack
/// nobody here wrote. Where it fails a check, the deviation is listed with what it does and the clause it breaks,
/// and asserted: the test fails if it stops deviating or fails another way.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "slirp4netns")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
[TestCaseOrderer(RunsLastOrderer.TypeName, RunsLastOrderer.AssemblyName)]
public sealed class Slirp4netnsConformanceTests(Slirp4netnsTopologyFixture fixture) : PerAppVpnConformanceTests(fixture), IClassFixture<Slirp4netnsTopologyFixture>
{
    private const string NoIcmpv6Echo = "libslirp 4.7.0 does not proxy ICMPv6 echo to the outside (its log: 'external icmpv6 not supported yet'): the request is dropped, nothing reaches the bridge, no error reaches the app";
    private const string EchoClauses = "RFC 4443 §4.1–4.2 (echo), RFC 4890 §4.3.1 (echo request and reply must not be dropped)";

    /// <summary>This VPN's known deviations (static, so that a unit test can compare them across per-app VPNs).</summary>
    public static IReadOnlyList<KnownDeviation> Known { get; } =
    [
        new(ScenarioCatalog.Icmpv6Echo.Name, "timeout", NoIcmpv6Echo, EchoClauses),
        new(ScenarioCatalog.HopLimitOne.Name, "timeout", NoIcmpv6Echo + "; with hop limit 1 it does not answer Time Exceeded either (it does for UDP, from fe80::2)", "RFC 4443 §3.3, " + EchoClauses),
        new("tun-icmpv6", "timeout", NoIcmpv6Echo, EchoClauses),
        new("tun-hop-limits-icmpv6", "timeout", NoIcmpv6Echo, EchoClauses),
        new("icmpv6-sizes", "timeout", NoIcmpv6Echo, EchoClauses),
        new(PerAppScenarios.AppFragments("").Name, "timed out",
            "IPv6 fragments from the app are dropped: nothing leaves toward the router, no error reaches the app",
            "RFC 8200 §5: a node must accept a fragmented packet of up to 1500 bytes reassembled; §4.5"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyList<KnownDeviation> Deviations => Known;

    [SkippableFact]
    public async Task AppNamespace_HoldsOnlyTheContractsRoutes()
    {
        // Given the app's namespace as the VPN configured it
        var routes = await Topology.Probe.RunAsync(["sh", "-c", "ip -6 route show; ip -4 route show"]);

        // When its routes are judged against the contract (device subnets, the prefix via the gateway, nothing else)
        var violations = AppRoutesAudit.Inspect(routes, Facts.Device, Topology.Plan.Prefix.ToString(), Facts.GatewayV6, AppSubnets, Facts.Dns);

        // Then there is no default route and no other destination
        violations.Should().BeEmpty(routes);
    }
}
