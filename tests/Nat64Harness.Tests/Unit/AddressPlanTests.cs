using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Unit;

public sealed class AddressPlanTests
{
    [Theory]
    [InlineData(0, "64:ff9b::6440:a")]     // DESIGN.md: 64:ff9b::6440:a -> 100.64.0.10 was measured through Tayga 0.9.2
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

        var conflicts = AddressPlanAllocator.Conflicts(plan, [IpNetwork.Parse("100.64.0.0/16")]).ToList();

        conflicts.Should().ContainSingle().Which.Should().Be("100.64.7.0/24 overlaps 100.64.0.0/16 (a host route or Docker network)");
    }

    [Fact]
    public void Pool_IsInsideV4Subnet_AndOutsideDockerAllocations()
    {
        // Docker's isolation rules drop pool addresses outside the subnet; its own allocations stay in .0/26.
        var plan = new AddressPlan(3, Nat64Prefix.WellKnown);
        var subnet = IpNetwork.Parse(plan.V4Subnet);
        var pool = IpNetwork.Parse(plan.Pool4);

        subnet.Overlaps(pool).Should().BeTrue();
        IpNetwork.Parse(plan.V4IpRange).Overlaps(pool).Should().BeFalse();
        pool.Overlaps(IpNetwork.Parse(plan.TaygaV4 + "/32")).Should().BeTrue();
    }

    [Fact]
    public void BridgeName_OfHighestBlock_FitsLinuxLimit()
    {
        new AddressPlan(254, Nat64Prefix.WellKnown).BridgeName("v6").Length.Should().BeLessThanOrEqualTo(15);
    }
}
