using FluentAssertions;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Conformance;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The known deviations of the two per-app VPNs, side by side: a check one VPN is excused from must be one the other
/// passes, so the check is seen passing somewhere and its expected failure is a real difference, not a check that
/// cannot pass. The one exception is named here with its reason.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PerAppDeviationListsTests
{
    /// <summary>
    /// No per-app VPN here reassembles the app's own fragments (both drop them), so that check is seen failing only.
    /// Its passing side is unproven: the gap is stated here rather than hidden.
    /// </summary>
    private static readonly string[] FailingEverywhere = [PerAppScenarios.AppFragments("").Name];

    private static readonly Dictionary<string, IReadOnlyList<KnownDeviation>> Lists = new()
    {
        ["perapp-vpn"] = PerAppConformanceTests.Known,
        ["slirp4netns"] = Slirp4netnsConformanceTests.Known,
    };

    [Fact]
    public void EveryExcusedCheck_IsPassedByAnotherPerAppVpn_ButTheNamedException() =>
        Unproven(Lists).Should().Equal(FailingEverywhere, "a check every VPN is excused from could be one that never passes");

    [Fact]
    public void ACheckBothVpnsAreExcusedFrom_IsNamed()
    {
        // Given the reference VPN excused from the ICMPv6 echo too (as if it stopped proxying it)
        var lists = new Dictionary<string, IReadOnlyList<KnownDeviation>>(Lists)
        {
            ["perapp-vpn"] = [.. PerAppConformanceTests.Known, new(ScenarioCatalog.Icmpv6Echo.Name, "timeout", "r", "RFC 4443")],
        };

        // Then that check is no longer seen passing anywhere
        Unproven(lists).Should().Contain(ScenarioCatalog.Icmpv6Echo.Name);
    }

    private static List<string> Unproven(Dictionary<string, IReadOnlyList<KnownDeviation>> lists) =>
        lists.Values.SelectMany(l => l.Select(d => d.Check)).Distinct()
            .Where(check => lists.Values.All(l => l.Any(d => d.Check == check)))
            .Order(StringComparer.Ordinal).ToList();
}
