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

/// <summary>The run table's time column: an exchange that never started (its name did not resolve) shows a dash.</summary>
[Trait("Category", "Unit")]
public sealed class RunTableTimeTests
{
    [Theory]
    [InlineData(double.NaN, "-")]
    [InlineData(2.54, "2.5")]
    public void Line_TimeColumn_IsTheProbesMillisecondsOrADash(double elapsedMs, string time)
    {
        var exchange = new Nat64Harness.Model.Exchange(Nat64Harness.Model.ExchangeKind.Tcp, System.Net.IPAddress.IPv6Loopback);
        var run = new Nat64Harness.Model.ExchangeRun("tcp-echo-by-name", exchange, new Nat64Harness.Model.ProbeResult { Exchange = exchange, Ok = true, ElapsedMs = elapsedMs }, []);

        var line = Nat64Harness.Reporting.RunReport.Line(new Nat64Harness.Reporting.RunRow(run, null));

        // No pcaps: the time is the line's last column
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().EndWith(["not", "judged", time]);
        line.Should().NotContain("NaN");
    }
}
