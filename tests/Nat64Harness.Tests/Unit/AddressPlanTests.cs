using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Networks;
using Xunit;

namespace Nat64Harness.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class AddressPlanTests
{
    [Theory]
    [InlineData(0, "64:ff9b::6440:a")]     // docs/address-plan.md: 64:ff9b::6440:a -> 100.64.0.10 was measured through Tayga 0.9.2
    [InlineData(9, "64:ff9b::6440:90a")]   // block 9: 100.64.9.10
    [InlineData(254, "64:ff9b::6440:fe0a")] // the highest block the allocator hands out
    public void EchoSynthesized_WellKnownPrefix_EmbedsEchoAddressInLast32Bits(int block, string expected)
    {
        var plan = new AddressPlan(block, Nat64Prefix.WellKnown);

        plan.EchoSynthesized.Should().Be(IPAddress.Parse(expected));
    }

    [Fact]
    public void Subnets_OfAnyBlock_StayOutOfForbiddenRanges()
    {
        var conflicts = Enumerable.Range(0, 256)
            .Select(b => new AddressPlan(b, Nat64Prefix.WellKnown))
            .SelectMany(p => AddressPlanAllocator.Conflicts(p, []));

        conflicts.Should().BeEmpty();
    }

    [Fact]
    public void Conflicts_WithHostRouteInsideThePlan_NameTheSubnetAndRoute()
    {
        var plan = new AddressPlan(7, Nat64Prefix.WellKnown);

        var conflicts = AddressPlanAllocator.Conflicts(plan, [IPNetwork.Parse("100.64.0.0/16")]).ToList();

        conflicts.Should().ContainSingle().Which.Should().Be("100.64.7.0/24 overlaps 100.64.0.0/16 (a host route or Docker network)");
    }

    [Fact]
    public void Pool_IsInsideV4Subnet_AndOutsideDockerAllocations()
    {
        // Docker's isolation rules drop pool addresses outside the subnet; its own allocations stay in .0/26.
        var plan = new AddressPlan(3, Nat64Prefix.WellKnown);

        plan.V4Subnet.Overlaps(plan.Pool4).Should().BeTrue();
        plan.V4IpRange.Overlaps(plan.Pool4).Should().BeFalse();
        plan.Pool4.Contains(plan.TaygaV4).Should().BeTrue();
    }

    [Fact]
    public void Subnets_OfBlock5_AreTheDocumentedOnes()
    {
        // The table in docs/address-plan.md, block 5
        var plan = new AddressPlan(5, Nat64Prefix.WellKnown);

        plan.Subnets.Select(s => s.ToString()).Should().Equal("100.64.5.0/24", "100.65.5.0/24", "2001:db8:5::/64", "100.66.5.0/24", "2001:db8:5:77::/64");
        plan.Pool4.ToString().Should().Be("100.64.5.128/26");
        (plan.RouterV6, plan.ProbeV6, plan.VpnAccessV6, plan.TunnelClientV6).Should().Be(
            (IPAddress.Parse("2001:db8:5::3"), IPAddress.Parse("2001:db8:5::20"), IPAddress.Parse("2001:db8:5::30"), IPAddress.Parse("2001:db8:5:77::2")));
    }

    [Theory]
    [InlineData(-1)]  // below the first block
    [InlineData(256)] // does not fit an octet
    public void Block_OutsideAnOctet_IsRefused(int block)
    {
        var create = () => new AddressPlan(block, Nat64Prefix.WellKnown);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("block");
    }

    [Fact]
    public void BridgeName_OfHighestBlock_FitsLinuxLimit()
    {
        new AddressPlan(254, Nat64Prefix.WellKnown).BridgeName(NetworkRole.V6Access).Length.Should().BeLessThanOrEqualTo(15);
    }
}
