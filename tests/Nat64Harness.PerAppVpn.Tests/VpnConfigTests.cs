using Nat64Harness.PerAppVpn.Faults;

namespace Nat64Harness.PerAppVpn.Tests;

public sealed class VpnConfigTests
{
    [Fact]
    public void Defaults_WhenNothingIsSet()
    {
        var config = VpnConfig.FromEnvironment(_ => null);

        config.TunnelMtu.Should().Be(1500);
        config.Fault.Should().Be(Fault.None);
        config.TunName.Should().Be("nat64h0");
        config.StatsPath.Should().Be("/run/nat64h/vpn-stats.json");
        config.TunOffload.Should().BeTrue();
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void TunOffload_OnOrOff(string value, bool expected)
    {
        VpnConfig.FromEnvironment(name => name == "NAT64H_TUN_OFFLOAD" ? value : null).TunOffload.Should().Be(expected);
    }

    [Theory]
    [InlineData("NAT64H_TUNNEL_MTU", "1279")] // below the IPv6 minimum link MTU
    [InlineData("NAT64H_TUNNEL_MTU", "jumbo")]
    [InlineData("NAT64H_FAULT", "no-ipv7")]
    [InlineData("NAT64H_PREFIX", "100.64.0.0/10")] // an IPv4 prefix cannot be a NAT64 prefix
    [InlineData("NAT64H_TUN_OFFLOAD", "yes")]
    public void Invalid_IsRejectedWithTheVariableName(string variable, string value)
    {
        var act = () => VpnConfig.FromEnvironment(name => name == variable ? value : null);

        act.Should().Throw<ArgumentException>().WithMessage($"{variable}={value}*");
    }

    [Theory]
    [InlineData("2001:db8::/32", "2001:db8:c000:221::")] // RFC 6052 §2.4 table, 192.0.2.33
    [InlineData("2001:db8:100::/40", "2001:db8:1c0:2:21::")]
    [InlineData("2001:db8:122::/48", "2001:db8:122:c000:2:2100::")]
    [InlineData("2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::")]
    [InlineData("2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0")]
    [InlineData("2001:db8:122:344::/96", "2001:db8:122:344::c000:221")]
    [InlineData("64:ff9b::/96", "64:ff9b::c000:221")] // well-known prefix, RFC 6052 §2.1
    public void Ipv4Destination_IsSynthesisedIntoThePrefix_AsRfc6052Shows(string prefix, string expected)
    {
        var mapper = new RemoteAddressMapper(System.Net.IPNetwork.Parse(prefix));

        mapper.Map(4, 0xC0000221).Should().Be(System.Net.IPAddress.Parse(expected));
    }

    [Fact]
    public void Ipv4Destination_WithoutPrefix_StaysIpv4()
    {
        new RemoteAddressMapper(null).Map(4, 0x6440000A).ToString().Should().Be("100.64.0.10");
    }
}
