using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The catalogue the CLI and the conformance suite share: what `run` runs, and the variants a sweep takes.</summary>
[Trait("Category", "Unit")]
public sealed class ScenarioCatalogTests
{
    private static readonly AddressPlan Plan = new(5, Nat64Prefix.WellKnown);

    [Fact]
    public void Standard_WithTransfer_IsTheThreeJudgedEchoesThenATransferJudgedOnWhatItsPcapsKeep()
    {
        var scenarios = ScenarioCatalog.Standard(50);

        scenarios.Select(s => (s.Name, s.Captured, s.Judged)).Should().Equal(
            ("tcp-echo", true, true), ("udp-echo", true, true), ("icmpv6-echo", true, true), ("transfer-50mib", false, true));
        scenarios.Select(s => s.Build(Plan).Target).Should().OnlyContain(t => t.Equals(Plan.EchoSynthesized));
    }

    [Fact]
    public void Standard_WithoutTransfer_HasNoTransfer()
    {
        ScenarioCatalog.Standard(0).Select(s => s.Name).Should().Equal("tcp-echo", "udp-echo", "icmpv6-echo");
    }

    [Fact]
    public void Quick_KeepsTheShape_ButSendsOneMessageWithTheShortTimeout()
    {
        var full = ScenarioCatalog.UdpEcho.Build(Plan);

        var quick = ScenarioCatalog.UdpEcho.Quick(TimeSpan.FromSeconds(2)).Build(Plan);

        quick.Should().Be(full with { Count = 1, Timeout = TimeSpan.FromSeconds(2) });
        full.Count.Should().Be(3, "the catalogue's own scenario is untouched");
    }

    [Fact]
    public void Judged_EveryCapturedExchange_ButThoseThatFailOnPurpose()
    {
        var all = new[]
        {
            ScenarioCatalog.TcpEcho, ScenarioCatalog.UdpEcho, ScenarioCatalog.Icmpv6Echo, ScenarioCatalog.HopLimitOne, ScenarioCatalog.LargeDatagram,
            ScenarioCatalog.RefusedPort, ScenarioCatalog.UnderlayTcp, ScenarioCatalog.PathCheck, ScenarioCatalog.StillServed, ScenarioCatalog.Transfer(1), ScenarioCatalog.UdpAllOnesChecksum,
            ScenarioCatalog.ConcurrentFlows(ExchangeKind.Tcp), ScenarioCatalog.TunResponses(ExchangeKind.Icmp, 200), ScenarioCatalog.Golden(ExchangeKind.Udp),
        };

        // Every captured exchange the catalogue expects to succeed is judged by the oracle; a bulk transfer on the
        // first and last packets its bounded pcaps keep. Those meant to fail, and the ones a per-app VPN answers
        // itself, are judged by their own tests (a broken path: nothing mistranslated; the TUN audit).
        all.Where(s => !s.Judged).Select(s => s.Name).Should().BeEquivalentTo(
            "tcp-refused", "underlay-tcp", "path-check", "still-served", "tun-icmpv6", "golden-udp-echo");
        all.Select(s => s.Name).Should().OnlyHaveUniqueItems("a name picks the pcaps of one scenario");
    }
}
