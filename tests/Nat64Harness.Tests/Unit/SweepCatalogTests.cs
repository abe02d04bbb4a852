using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The sweeps: sizes at every MTU boundary of the path taken from the topology, hop limits a copy betrays.</summary>
[Trait("Category", "Unit")]
public sealed class SweepCatalogTests
{
    private static readonly AddressPlan Plan = new(5, Nat64Prefix.WellKnown);

    [Fact]
    public void PayloadSizes_ThroughATunnel_HoldZeroOneOddAndEachMtuBoundaryPlusMinusOne()
    {
        // Given a path of 1500-byte links and a tunnel that declared 1400 (no 1420 written anywhere)
        var sizes = SweepCatalog.PayloadSizes(ExchangeKind.Udp, [1500, 1400]);

        // Then: 0 and 1 byte, odd sizes, and 1280 / 1400 / 1500 less 48 bytes of headers, ±1
        sizes.Should().Equal(0, 1, 7, 333, 1231, 1232, 1233, 1351, 1352, 1353, 1451, 1452);
        sizes.Should().Contain(s => s % 2 == 1);
    }

    [Fact]
    public void PayloadSizes_OfIcmpv6ThroughATunnel_StayWithinItsMtu()
    {
        // ICMPv6 is not fragmented at the source (Tayga drops fragmented ICMPv6): the tunnel's 1400 is the largest
        SweepCatalog.PayloadSizes(ExchangeKind.Icmp, [1500, 1400]).Should().Equal(0, 1, 7, 333, 1231, 1232, 1233, 1351, 1352);
    }

    [Fact]
    public void PayloadSizes_OfTcp_FillAFullSegmentWithTimestamps()
    {
        SweepCatalog.PayloadSizes(ExchangeKind.Tcp, [1420]).Should().Equal(0, 1, 7, 333, 1207, 1208, 1209, 1347, 1348);
    }

    [Fact]
    public void Sizes_BuildsOneExchangeCarryingEverySize_JudgedByTheOracle()
    {
        var scenario = SweepCatalog.Sizes(ExchangeKind.Icmp, [1500]);

        var exchange = scenario.Build(Plan);

        exchange.Sizes.Should().Equal(SweepCatalog.PayloadSizes(ExchangeKind.Icmp, [1500]));
        exchange.ToCommand().Should().ContainInOrder("--sizes", "0,1,7,333,1231,1232,1233,1451,1452");
        (scenario.Name, scenario.Captured, scenario.Judged).Should().Be(("icmpv6-sizes", true, true));
    }

    [Fact]
    public void TunHopLimits_VaryTheRequestsHopLimitPerProtocol_NeverTheCommonDefault()
    {
        var exchanges = SweepCatalog.TunHopLimits.Select(s => s.Build(Plan)).ToList();

        exchanges.GroupBy(e => e.Kind).Should().OnlyContain(g => g.Select(e => e.HopLimit).Distinct().Count() == 2, "a derived hop limit shows only across two requests of one protocol");
        exchanges.Select(e => e.HopLimit).Should().BeSubsetOf([9, 17, 200, 255]).And.NotContain(64);
        exchanges.Where(e => e.Kind != ExchangeKind.Tcp).Should().OnlyContain(e => e.TrafficClass == SweepCatalog.CongestedAf41);
        exchanges.Select(e => e.Size % 2).Should().Contain([0, 1]);
        exchanges[0].ToCommand().Should().ContainInOrder("--hop-limit", "17");
    }
}
