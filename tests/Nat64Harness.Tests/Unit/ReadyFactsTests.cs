using System.Net;
using FluentAssertions;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The per-app ready line: its facts parsed, a missing or bad one named with the container and the line.</summary>
[Trait("Category", "Unit")]
public sealed class ReadyFactsTests
{
    private const string Slirp = "nat64h: ready device=nat64h0 link=tap mtu=1500 app_v6=2001:db8:c8:77::2 gateway_v6=fe80::2 app_v4=100.67.200.100 dns=none";
    private const string Reference = "nat64h: ready device=nat64h0 link=tun mtu=1400 app_v6=2001:db8:c8:77::2 gateway_v6=none app_v4=100.67.200.100 dns=none extra=ignored";

    [Fact]
    public void Parse_Slirp4netnsLine_IsATapWithAGateway()
    {
        var facts = ReadyFacts.Parse("vpn", "nat64h: slirp4netns 1.2.0\n" + Slirp + "\n");

        facts.Should().Be(new ReadyFacts("nat64h0", DeviceLink.Tap, 1500, IPAddress.Parse("2001:db8:c8:77::2"), IPAddress.Parse("fe80::2"), IPAddress.Parse("100.67.200.100"), null));
    }

    [Fact]
    public void Parse_ReferenceLine_IsATunWithoutGateway_UnknownKeysIgnored()
    {
        var facts = ReadyFacts.Parse("vpn", Reference);

        (facts.Link, facts.Mtu, facts.GatewayV6).Should().Be((DeviceLink.Tun, 1400, (IPAddress?)null));
    }

    [Theory]
    [InlineData("nat64h: ready", "lacks device, link, mtu, app_v6, gateway_v6, app_v4, dns")]  // the line of an image that predates the contract
    [InlineData("nat64h: ready device=nat64h0 link=tap mtu=1500 app_v6=2001:db8:c8:77::2 app_v4=none dns=none", "lacks gateway_v6")]
    [InlineData("nat64h: ready device=nat64h0 link=ppp mtu=1500 app_v6=::2 gateway_v6=none app_v4=none dns=none", "link=ppp is not tun or tap")]
    [InlineData("nat64h: ready device=nat64h0 link=tun mtu=1000 app_v6=::2 gateway_v6=none app_v4=none dns=none", "mtu=1000 is not an MTU of 1280..65535")]
    [InlineData("nat64h: ready device=nat64h0 link=tun mtu=1500 app_v6=none gateway_v6=none app_v4=none dns=none", "app_v6=none is not an address")]
    [InlineData("nat64h: started", "no line starting with 'nat64h: ready'")]
    public void Parse_BadLine_NamesContainerAndKey(string log, string message)
    {
        var parse = () => ReadyFacts.Parse("nat64h-7-vpn", log);

        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith("nat64h-7-vpn: ").And.Contain(message);
    }

    [Fact]
    public void Check_FactsThatDifferFromWhatTheHarnessGave_AreNamed()
    {
        var facts = ReadyFacts.Parse("vpn", Reference);

        facts.Invoking(f => f.Check("vpn", IPAddress.Parse("2001:db8:c8:77::2"), null)).Should().NotThrow();
        facts.Invoking(f => f.Check("vpn", IPAddress.Parse("2001:db8:c8:77::2"), 1500)).Should().Throw<InvalidOperationException>()
            .WithMessage("*mtu=1400, but the harness gave NAT64H_TUNNEL_MTU=1500*");
        facts.Invoking(f => f.Check("vpn", IPAddress.Parse("2001:db8:9:77::2"), null)).Should().Throw<InvalidOperationException>()
            .WithMessage("*app_v6=2001:db8:c8:77::2, but the harness gave NAT64H_APP_V6=2001:db8:9:77::2*");
    }
}
