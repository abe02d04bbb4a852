using System.Net;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The declared MTU: the ready line's declaration, both ends' agreement, and the read-back that must equal it.</summary>
[Trait("Category", "Unit")]
public sealed class TunnelMtuTests
{
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:d30a");
    private static readonly IPAddress ClientTunnel = IPAddress.Parse("2001:db8:d3:77::2");

    [Theory]
    [InlineData("nat64h-strongswan: fault injected: none\nnat64h: ready mtu=1400\n", 1400)]
    [InlineData("nat64h: ready\n", null)]
    [InlineData("old start\nnat64h: ready mtu=1420\nnat64h: ready mtu=1300 other=x\n", 1300)] // the last ready line counts
    public void ParseDeclaredMtu_ReadsTheReadyLine(string log, int? expected)
    {
        ReadinessSignal.ParseDeclaredMtu(log, "vpn-server").Should().Be(expected);
    }

    [Theory]
    [InlineData("nat64h: ready mtu=big\n", "*vpn-server*'nat64h: ready mtu=big'*'big'*")]
    [InlineData("nat64h: ready mtu=1279\n", "*'1279'*1280*")]
    [InlineData("nat64h: failed: no\n", "*vpn-server printed no 'nat64h: ready' line*")]
    public void ParseDeclaredMtu_BadDeclaration_FailsNamingContainerAndLine(string log, string message)
    {
        var parse = () => ReadinessSignal.ParseDeclaredMtu(log, "vpn-server");

        parse.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Report_DeclarationMatchingBothReadBacks_IsTheEffectiveMtu()
    {
        var report = new TunnelMtuReport(1400, 1400, Reading("server", 1400), Reading("client", 1400));

        report.Problems.Should().BeEmpty();
        report.Declared.Should().BeTrue();
        report.Effective.Should().Be(1400);
    }

    [Fact]
    public void Report_DeviceRaisedAboveTheDeclaration_NamesBothAndTheBlackHole()
    {
        // Given strongSwan declaring 1400 while someone raised its client's ipsec0 to 1420
        var report = new TunnelMtuReport(1400, 1400, Reading("server", 1400), Reading("client", 1420));

        report.Effective.Should().BeNull();
        report.Problems.Should().ContainSingle().Which.Should()
            .Be("the client declares mtu=1400 but its kernel sends up to 1420 toward 64:ff9b::6440:d30a (the MTU of dev ipsec0): packets of 1401–1420 bytes would enter a tunnel that does not carry them");
    }

    [Fact]
    public void Report_DeviceBelowTheDeclaration_SaysTheDeclarationClaimsTooMuch()
    {
        var report = new TunnelMtuReport(1420, 1420, Reading("server", 1380, fromRoute: true), Reading("client", 1420));

        report.Problems.Should().ContainSingle().Which.Should().Contain("server declares mtu=1420 but its kernel sends at most 1380").And.Contain("the route's mtu (dev ipsec0)");
    }

    [Fact]
    public void Report_EndsDeclaringDifferentMtus_NamesBoth()
    {
        var report = new TunnelMtuReport(1400, 1420, Reading("server", 1400), Reading("client", 1420));

        report.Problems.Should().ContainSingle().Which.Should().Be("the ends declare different MTUs: server mtu=1400, client mtu=1420");
    }

    [Fact]
    public void Report_OnlyOneEndDeclaring_IsAProblem()
    {
        var report = new TunnelMtuReport(null, 1400, Reading("server", 1400), Reading("client", 1400));

        report.Problems.Should().ContainSingle().Which.Should().Contain("only one end declares an MTU: server nothing, client mtu=1400");
    }

    [Fact]
    public void Report_NothingDeclared_ReadBacksStandIn_WhenTheyAgree()
    {
        new TunnelMtuReport(null, null, Reading("server", 1420), Reading("client", 1420)).Effective.Should().Be(1420);
        new TunnelMtuReport(null, null, Reading("server", 1500), Reading("client", 1420)).Problems.Should().ContainSingle()
            .Which.Should().Contain("no MTU declared, and the ends' kernels disagree: server 1500").And.Contain("client 1420");
    }

    [Fact]
    public void Report_NoRoute_CannotBeReadBack()
    {
        var report = new TunnelMtuReport(1400, 1400, Reading("server", 1400), new MtuReading("client", Echo, null, null, false, "RTNETLINK answers: Network is unreachable"));

        report.Problems.Should().ContainSingle().Which.Should().Contain("client's MTU toward 64:ff9b::6440:d30a could not be read back: RTNETLINK answers: Network is unreachable");
    }

    [Theory]
    [InlineData("2: ipsec0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1400 qdisc pfifo_fast state UNKNOWN mode DEFAULT group default qlen 500\\    link/none ", 1400)]
    [InlineData("3: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN mode DEFAULT", 1420)]
    [InlineData("Device \"x\" does not exist.", null)]
    public void DeviceMtu_ReadsTheLinkLine(string line, int? expected)
    {
        TunnelMtuCheck.DeviceMtu(line).Should().Be(expected);
    }

    private static MtuReading Reading(string end, int mtu, bool fromRoute = false) =>
        new(end, end == "client" ? Echo : ClientTunnel, "ipsec0", mtu, fromRoute, "measured");
}
