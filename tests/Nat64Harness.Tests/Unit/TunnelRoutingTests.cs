using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The route check on listings measured in a strongSwan client's namespace (block 211: routes in table 220 behind
/// rule 220), as it is and with its route-all fault, plus a WireGuard-like main-table client.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TunnelRoutingTests
{
    private static readonly AddressPlan Plan = new(211, Nat64Prefix.WellKnown);

    private const string Rules = "0:\tfrom all lookup local\n220:\tfrom all lookup 220\n32766:\tfrom all lookup main\n";

    private const string Addresses =
        "2: ipsec0    inet6 2001:db8:d3:77::2/128 scope global nodad \\       valid_lft forever preferred_lft forever\n" +
        "2: ipsec0    inet6 fe80::c106:1f80:8779:f3ea/64 scope link stable-privacy \\       valid_lft forever preferred_lft forever\n";

    private const string StrongSwanRoutes = """
        64:ff9b::/96 dev ipsec0 table 220 proto static src 2001:db8:d3:77::2 metric 1024 pref medium
        2001:db8:d3:77::/64 dev ipsec0 table 220 proto static src 2001:db8:d3:77::2 metric 1024 pref medium
        2001:db8:d3:77::2 dev ipsec0 proto kernel metric 256 pref medium
        fe80::/64 dev ipsec0 proto kernel metric 256 pref medium
        local 2001:db8:d3:77::2 dev ipsec0 table local proto kernel metric 0 pref medium
        local fe80::c106:1f80:8779:f3ea dev ipsec0 table local proto kernel metric 0 pref medium
        multicast ff00::/8 dev ipsec0 table local proto kernel metric 256 pref medium
        """;

    private const string RouteAllRoutes = """
        default dev ipsec0 table 220 proto static src 2001:db8:d3:77::2 metric 1024 pref medium
        2001:db8:d3:77::2 dev ipsec0 proto kernel metric 256 pref medium
        fe80::/64 dev ipsec0 proto kernel metric 256 pref medium
        """;

    private const string Unreachable = "RTNETLINK answers: Network is unreachable";

    [Fact]
    public void Judge_StrongSwanInTable220_ConformsAndNotesTheRouterNotRouted()
    {
        // Given the measured strongSwan client: prefix and tunnel net in table 220, the router's /128 not routed
        var report = Judge(StrongSwanRoutes, Get(table220: [Plan.EchoSynthesized, Plan.TunnelServerV6]));

        // Then nothing violates the contract, the routes are reported with their table, and the router is a note
        report.Violations.Should().BeEmpty(report.ToString());
        report.TunnelDevice.Should().Be("ipsec0");
        report.TunnelRoutes.Select(r => (r.Destination.ToString(), r.Table)).Should().Equal(("64:ff9b::/96", "220"), ("2001:db8:d3:77::/64", "220"), ("2001:db8:d3:77::2/128", "main"));
        report.Notes.Should().ContainSingle().Which.Should().Contain(Plan.RouterV6.ToString()).And.Contain("does not enter the tunnel");
        report.Steers(RouteRequirement.InTunnel).Should().BeTrue();
        report.Steers(RouteRequirement.ShouldBeInTunnel).Should().BeFalse();
    }

    [Fact]
    public void Judge_RouteAllFault_NamesTheDefaultRouteItsTableAndRule_AndEachForbiddenAddress()
    {
        // Given the route-all fault: ::/0 into ipsec0 in table 220, so every address resolves into the tunnel
        var everything = TunnelRouting.Addresses(Plan).Select(a => a.Address).ToArray();
        var report = Judge(RouteAllRoutes, Get(table220: everything));

        // Then the default route is named with its table and the rule that selects it, and so is each forbidden address
        report.Violations.Should().Contain(v => v.StartsWith("table 220 (rule 220: from all lookup 220): `default dev ipsec0", StringComparison.Ordinal) && v.Contains("routes ::/0 into the tunnel"));
        foreach (var forbidden in new[] { "2000::1", "fd00::1", Plan.VpnAccessV6.ToString(), Plan.V6AccessGateway.ToString() })
        {
            report.Violations.Should().Contain(v => v.StartsWith(forbidden + " (", StringComparison.Ordinal) && v.Contains("is steered into the tunnel by table 220"));
        }

        report.Notes.Should().BeEmpty("the router's address enters the tunnel here");
    }

    [Fact]
    public void Judge_ClientWithoutRouteForPrefix_SaysTheEchoAddressDoesNotEnter()
    {
        var report = Judge(RouteAllRoutes.Split('\n')[1], Get(table220: [Plan.TunnelServerV6]));

        report.Violations.Should().ContainSingle().Which.Should().Contain(Plan.EchoSynthesized.ToString()).And.Contain("does not enter the tunnel ipsec0").And.Contain(Unreachable);
    }

    [Fact]
    public void Judge_DefaultRouteOutsideTheTunnel_IsALeakNamingTheDevice()
    {
        // Given a main-table client (WireGuard-like) that kept Docker's default route on its underlay
        var routes = "64:ff9b::/96 dev wg0 metric 1024 pref medium\ndefault via 2001:db8:d3::1 dev eth0 metric 1024 pref medium\n";
        var lookups = Get(table220: [], main: [Plan.EchoSynthesized, Plan.TunnelServerV6]);
        lookups = [.. lookups.Select(l => l.Requirement == RouteRequirement.Unreachable
            ? l with { Route = KernelRoute.Parse($"{l.Address} from :: via 2001:db8:d3::1 dev eth0 metric 1024 pref medium"), Answer = "via eth0" }
            : l)];

        var report = TunnelRouting.Judge(Plan, "wg0", KernelRule.ParseListing("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n"), KernelRoute.ParseListing(routes), lookups);

        report.Violations.Should().Contain(v => v.StartsWith("2000::1 (", StringComparison.Ordinal) && v.Contains("leaves through eth0 (table main (rule 32766: from all lookup main))"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Judge_ResolverRoute_IsAllowed_ButNotTheAccessNetsOtherAddresses(bool spare)
    {
        // Given a WireGuard-like client that routes the DNS64 resolver's /128 into the tunnel (the contract's DNS
        // section), or instead another address of the access net (the spare resolver: not the run's)
        var resolver = spare ? Plan.SpareDns64V6 : Plan.Dns64V6;
        var routes = $"64:ff9b::/96 dev wg0 metric 1024 pref medium\n{resolver} dev wg0 metric 1024 pref medium\n";
        var lookups = Get(table220: [], main: [Plan.EchoSynthesized, Plan.TunnelServerV6]);

        var report = TunnelRouting.Judge(Plan, "wg0", KernelRule.ParseListing("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n"), KernelRoute.ParseListing(routes), lookups);

        // Then the resolver's route conforms, and any other address of the access net is beyond the allowed set
        if (spare)
        {
            report.Violations.Should().ContainSingle().Which.Should().Contain($"routes {resolver}/128 into the tunnel, beyond");
        }
        else
        {
            report.Violations.Should().BeEmpty(report.ToString());
        }
    }

    [Fact]
    public void Judge_NoDeviceHoldsTheTunnelAddress_SaysSo()
    {
        var report = TunnelRouting.Judge(Plan, TunnelRouting.DeviceHolding("1: lo    inet6 ::1/128 scope host\n", Plan.TunnelClientV6), [], [], []);

        report.Violations.Should().ContainSingle().Which.Should().Contain("no device holds the client's tunnel address 2001:db8:d3:77::2");
    }

    [Fact]
    public void DeviceHolding_ReadsTheDeviceOfTheAddress_NotOfAnother()
    {
        TunnelRouting.DeviceHolding(Addresses + "7: eth0@if8    inet6 2001:db8:d3::30/64 scope global\n", IPAddress.Parse("2001:db8:d3::30")).Should().Be("eth0");
        TunnelRouting.DeviceHolding(Addresses, Plan.TunnelClientV6).Should().Be("ipsec0");
    }

    [Fact]
    public void ParseListing_ReadsTypesTablesMtuAndNexthopDevices()
    {
        var routes = KernelRoute.ParseListing("""
            unreachable default dev lo table 51820 metric 1024 error -113 pref medium
            64:ff9b::/96 dev tun0 metric 1024 mtu lock 1400 pref medium
            2001:db8::/32 proto static metric 1024 pref medium
            	nexthop via fe80::1 dev eth0 weight 1
            	nexthop dev wg0 weight 1
            """);

        routes.Should().HaveCount(3);
        routes[0].Should().Match<KernelRoute>(r => r.Type == "unreachable" && r.Destination.PrefixLength == 0 && r.Table == "51820");
        routes[1].Should().Match<KernelRoute>(r => r.Mtu == 1400 && r.Table == "main" && r.Uses("tun0"));
        routes[2].Devices.Should().Equal("eth0", "wg0");
    }

    [Fact]
    public void Parse_LineWithoutIpv6Destination_FailsQuotingIt()
    {
        var parse = () => KernelRoute.Parse("10.0.0.0/8 dev eth0");

        parse.Should().Throw<FormatException>().WithMessage("*'10.0.0.0/8 dev eth0'*IPv6 destination*");
    }

    [Fact]
    public void Rules_ParseActionsTablesAndSelectors_AndAFreePriorityAheadOfThem()
    {
        var rules = KernelRule.ParseListing(Rules + "32765:\tnot from all fwmark 0xca6c lookup 51820\n1:\tfrom all to 64:ff9b::/96 unreachable\n");

        rules[1].Should().Match<KernelRule>(r => r.Priority == 220 && r.Selector == "from all" && r.Action == "lookup" && r.Table == "220");
        rules[3].Should().Match<KernelRule>(r => r.Selector == "not from all fwmark 0xca6c" && r.Table == "51820");
        rules[4].Should().Match<KernelRule>(r => r.Action == "unreachable" && r.Table == null);
        KernelRule.FreePriorityAhead(KernelRule.ParseListing(Rules)).Should().Be(1);
        KernelRule.FreePriorityAhead(rules).Should().BeNull("a rule already sits at priority 1: nothing fits ahead of it");
    }

    [Fact]
    public void Rules_LineWithoutPriority_FailsQuotingIt()
    {
        var parse = () => KernelRule.ParseListing("from all lookup main");

        parse.Should().Throw<FormatException>().WithMessage("*'from all lookup main'*priority*");
    }

    private static TunnelRoutingReport Judge(string routes, IReadOnlyList<RouteLookup> lookups) =>
        TunnelRouting.Judge(Plan, TunnelRouting.DeviceHolding(Addresses, Plan.TunnelClientV6), KernelRule.ParseListing(Rules), KernelRoute.ParseListing(routes), lookups);

    // The kernel's answers: the addresses given resolve into ipsec0 in table 220 (or wg0 in main), every other one is unreachable.
    private static List<RouteLookup> Get(IPAddress[] table220, IPAddress[]? main = null) =>
        TunnelRouting.Addresses(Plan).Select(a =>
        {
            var line = table220.Contains(a.Address) ? $"{a.Address} from :: dev ipsec0 table 220 proto static src 2001:db8:d3:77::2 metric 1024 pref medium"
                : main?.Contains(a.Address) == true ? $"{a.Address} from :: dev wg0 proto kernel metric 256 pref medium"
                : null;
            return new RouteLookup(a.Address, a.Role, a.Requirement, line is null ? null : KernelRoute.Parse(line), line ?? Unreachable);
        }).ToList();
}
