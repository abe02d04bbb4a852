using FluentAssertions;
using Nat64Harness.Cli;
using Nat64Harness.Scenarios;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// Which DNS exchanges `nat64h run` makes: all of them where the probe is on the access network; behind a VPN that
/// gives it another link, all but PREF64 discovery (no Router Advertisement of the access network reaches it there,
/// measured in every VPN class by Nat64ConformanceTests), with a line in the table in its place.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunDnsScenariosTests
{
    [Fact]
    public void OnTheAccessNetwork_EveryDnsExchange_NothingLeftOut()
    {
        var (scenarios, leftOut) = RunCommand.DnsScenariosFor(probeOnAccessLink: true, vpn: "perapp");

        scenarios.Should().Equal(DnsScenarios.Standard);
        leftOut.Should().BeNull();
    }

    [Fact]
    public void BehindATunnel_Pref64DiscoveryLeftOut_AndTheTableSaysWhyNamingTheVpn()
    {
        var (scenarios, leftOut) = RunCommand.DnsScenariosFor(probeOnAccessLink: false, vpn: "wireguard");

        scenarios.Should().Equal(DnsScenarios.Standard.Where(s => s.Name != "discover-pref64"));
        scenarios.Should().Contain(DnsScenarios.DiscoverByDns, "RFC 7050 discovery asks the resolver, which a VPN can carry");
        leftOut.Should().StartWith("discover-pref64  n/a   behind wireguard the probe is not on the access network");
    }
}
