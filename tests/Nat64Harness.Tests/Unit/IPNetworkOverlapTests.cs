using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Networks;
using Xunit;

namespace Nat64Harness.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class IPNetworkOverlapTests
{
    [Theory]
    [InlineData("100.64.1.0/24", "100.64.0.0/10", true)]   // inside a wider range
    [InlineData("100.64.1.0/24", "100.64.2.0/24", false)]  // neighbours
    [InlineData("192.0.2.0/24", "192.0.2.2/32", true)]     // a single host inside
    [InlineData("2001:db8:5::/64", "2001:db8::/32", true)] // IPv6 inside its documentation block
    [InlineData("2001:db8:5::/64", "2001:db8:6::/64", false)]
    [InlineData("100.64.1.0/24", "2001:db8::/32", false)]  // families never overlap
    public void Overlaps_IsSymmetric_AndMatchesPrefixArithmetic(string a, string b, bool expected)
    {
        IPNetwork.Parse(a).Overlaps(IPNetwork.Parse(b)).Should().Be(expected);
        IPNetwork.Parse(b).Overlaps(IPNetwork.Parse(a)).Should().Be(expected);
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]          // a route printed with host bits set
    [InlineData("2001:db8:5::20/64", "2001:db8:5::/64")]
    [InlineData("100.64.7.10", "100.64.7.10/32")]     // a bare address is a host route
    public void ParseMasked_ClearsHostBits(string text, string expected)
    {
        IPNetworkExtensions.ParseMasked(text).Should().Be(IPNetwork.Parse(expected));
    }

    [Fact]
    public void ParseMasked_NotAnAddress_FailsWithFormatException()
    {
        var parse = () => IPNetworkExtensions.ParseMasked("100.64.300.0/24");

        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public void ReadHostRoutes_OnLinux_ExcludesDefaultRoutes()
    {
        HostRoutes.Read().Should().NotContain(r => r.PrefixLength == 0);
    }
}
