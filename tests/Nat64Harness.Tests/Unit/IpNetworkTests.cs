using FluentAssertions;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Unit;

public sealed class IpNetworkTests
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
        IpNetwork.Parse(a).Overlaps(IpNetwork.Parse(b)).Should().Be(expected);
        IpNetwork.Parse(b).Overlaps(IpNetwork.Parse(a)).Should().Be(expected);
    }

    [Fact]
    public void ReadHostRoutes_OnLinux_ExcludesDefaultRoutes()
    {
        AddressPlanAllocator.ReadHostRoutes().Should().NotContain(r => r.Length == 0);
    }
}
