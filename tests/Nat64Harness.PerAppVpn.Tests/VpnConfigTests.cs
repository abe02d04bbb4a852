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
    }

    [Theory]
    [InlineData("NAT64H_TUNNEL_MTU", "1279")] // below the IPv6 minimum link MTU
    [InlineData("NAT64H_TUNNEL_MTU", "jumbo")]
    [InlineData("NAT64H_FAULT", "no-ipv7")]
    [InlineData("NAT64H_PREFIX", "100.64.0.0/10")] // an IPv4 prefix cannot be a NAT64 prefix
    public void Invalid_IsRejectedWithTheVariableName(string variable, string value)
    {
        var act = () => VpnConfig.FromEnvironment(name => name == variable ? value : null);

        act.Should().Throw<ArgumentException>().WithMessage($"{variable}={value}*");
    }

    [Fact]
    public void Ipv4Destination_WithA96Prefix_IsSynthesisedIntoIt()
    {
        var mapper = new RemoteAddressMapper(System.Net.IPNetwork.Parse("64:ff9b::/96"));

        mapper.Map(4, 0x6440000A).ToString().Should().Be("64:ff9b::6440:a"); // RFC 6052 §2.2, 100.64.0.10
    }
}
