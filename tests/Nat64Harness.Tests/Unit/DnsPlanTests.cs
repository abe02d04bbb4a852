using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The DNS addresses of the plan, prefixes that cannot serve it, and a router's refusal read from its log.</summary>
[Trait("Category", "Unit")]
public sealed class DnsPlanTests
{
    [Fact]
    public void Plan_DnsAddresses_AreInTheirNetworks()
    {
        var plan = new AddressPlan(30, Nat64Prefix.WellKnown);

        (plan.DnsAuthV4.ToString(), plan.Dns64V6.ToString(), plan.Pref64V6.ToString(), plan.DualAaaa.ToString())
            .Should().Be(("100.64.30.53", "2001:db8:1e::53", "2001:db8:1e::64", "2001:db8:1e::10"));
        plan.DnsAuthSynthesized.Should().Be(System.Net.IPAddress.Parse("64:ff9b::6440:1e35"));
        plan.V4IpRange.Contains(plan.DnsAuthV4).Should().BeTrue("a fixed address of the IPv4 network, like the router's and the echo server's");
    }

    [Theory]
    [InlineData("2001:db8::/32")]    // holds every block's access network (measured: Tayga answers Destination Unreachable code 5)
    [InlineData("2001:db8:1e::/64")] // block 30's access network itself
    [InlineData("2001:db8:1e:77::/64")] // block 30's tunnel network
    public void PrefixConflict_OverlappingTheRunsNetworks_IsNamed(string prefix)
    {
        new AddressPlan(30, Nat64Prefix.Parse(prefix)).PrefixConflict().Should().Contain($"NAT64 prefix {prefix} overlaps the run's IPv6 network");
    }

    [Theory]
    [InlineData("3fff:64::/32")]      // the matrix's /32, RFC 9637 documentation space
    [InlineData("2001:db8:100::/40")] // third group 0x100 and above: no block's network
    [InlineData("64:ff9b::/96")]
    [InlineData("2001:db8:1f::/64")]  // block 31's access network: free for block 30
    public void PrefixConflict_OutsideTheRunsNetworks_IsNone(string prefix)
    {
        new AddressPlan(30, Nat64Prefix.Parse(prefix)).PrefixConflict().Should().BeNull();
    }

    [Fact]
    public void RefusalReason_IsTheRoutersOwnWords_FromItsFailedLine()
    {
        const string log = "nat64h: starting\nnat64h: failed: prefix refused: Cannot use reserved address 64:ff9b:1::/48 in prefix directive, aborting...\n";

        PrefixRefusedException.FindReason(log).Should().Be("Cannot use reserved address 64:ff9b:1::/48 in prefix directive, aborting...");
        PrefixRefusedException.FindReason("nat64h: failed: tayga --mktun: Unable to open /dev/net/tun\n").Should().BeNull("another failure is not a refused prefix");
    }
}
