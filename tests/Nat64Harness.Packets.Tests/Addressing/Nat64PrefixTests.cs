using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Xunit;

namespace Nat64Harness.Packets.Tests.Addressing;

public sealed class Nat64PrefixTests
{
    public static TheoryData<string, string, string> Rfc6052Table => new()
    {
        { "2001:db8::/32", "192.0.2.33", "2001:db8:c000:221::" },            // RFC 6052 §2.4 row 1, /32: v4 in bits 32-63
        { "2001:db8:100::/40", "192.0.2.33", "2001:db8:1c0:2:21::" },        // RFC 6052 §2.4 row 2, /40: v4 split around the u-octet
        { "2001:db8:122::/48", "192.0.2.33", "2001:db8:122:c000:2:2100::" }, // RFC 6052 §2.4 row 3, /48: 16 bits each side of u
        { "2001:db8:122:300::/56", "192.0.2.33", "2001:db8:122:3c0:0:221::" }, // RFC 6052 §2.4 row 4, /56: 8 bits before u
        { "2001:db8:122:344::/64", "192.0.2.33", "2001:db8:122:344:c0:2:2100:0" }, // RFC 6052 §2.4 row 5, /64: all after u
        { "2001:db8:122:344::/96", "192.0.2.33", "2001:db8:122:344::192.0.2.33" }, // RFC 6052 §2.4 row 6, /96: last 32 bits
        { "64:ff9b::/96", "192.0.2.33", "64:ff9b::192.0.2.33" },             // RFC 6052 §2.4 well-known prefix example
        { "64:ff9b::/96", "100.64.0.10", "64:ff9b::6440:a" },                // harness address plan: Tayga maps 100.64/10 under the WKP
        { "64:ff9b:1::/48", "255.255.255.255", "64:ff9b:1:ffff:ff:ff00::" }, // RFC 8215 local-use prefix, all-ones v4 exercises every bit
    };

    [Theory]
    [MemberData(nameof(Rfc6052Table))]
    public void Synthesize_Rfc6052Table_EmbedsAddressAroundUOctet(string prefix, string ipv4, string expected)
    {
        // Given
        var nat64 = Nat64Prefix.Parse(prefix);

        // When
        var synthesized = nat64.Synthesize(IPAddress.Parse(ipv4));

        // Then
        synthesized.Should().Be(IPAddress.Parse(expected));
    }

    [Theory]
    [MemberData(nameof(Rfc6052Table))]
    public void Extract_Rfc6052Table_RecoversIpv4(string prefix, string ipv4, string embedded)
    {
        // Given
        var nat64 = Nat64Prefix.Parse(prefix);

        // When
        var ok = nat64.TryExtract(IPAddress.Parse(embedded), out var extracted);

        // Then
        ok.Should().BeTrue();
        extracted.Should().Be(IPAddress.Parse(ipv4));
        nat64.Extract(IPAddress.Parse(embedded)).Should().Be(IPAddress.Parse(ipv4));
        nat64.Contains(IPAddress.Parse(embedded)).Should().BeTrue();
    }

    [Fact]
    public void Synthesize_Slash96_WellKnownPrefix_EmbedsAddressInLast32Bits()
    {
        // Given
        var wkp = Nat64Prefix.WellKnown;

        // When
        var synthesized = wkp.Synthesize(IPAddress.Parse("100.64.7.10"));

        // Then
        synthesized.GetAddressBytes()[12..].Should().Equal(100, 64, 7, 10);
        wkp.IsWellKnown.Should().BeTrue();
        wkp.Length.Should().Be(96);
        wkp.Network.Should().Be(IPAddress.Parse("64:ff9b::"));
    }

    [Theory]
    [InlineData("64:ff9b::/95", "length")]          // not one of the six RFC 6052 lengths
    [InlineData("2001:db8::/128", "length")]        // host route is not a NAT64 prefix
    [InlineData("2001:db8::", "/length")]           // length missing entirely
    [InlineData("2001:db8::1/32", "beyond /32")]    // host bits set beyond the prefix length
    [InlineData("2001:db8:0:0:ff00::/96", "u-octet")] // /96 whose bits 64-71 are not zero
    [InlineData("192.0.2.0/32", "IPv4 address")]    // IPv4 given where IPv6 is expected
    [InlineData("not-an-address/96", "not an IP")]  // garbage text
    public void Parse_InvalidPrefix_ThrowsNamingPrefixAndRule(string text, string rule)
    {
        // Given / When
        var act = () => Nat64Prefix.Parse(text);

        // Then
        act.Should().Throw<Nat64AddressingException>()
            .Where(e => e.Message.Contains(text.Split('/')[0]) && e.Message.Contains(rule));
        Nat64Prefix.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        // Given / When / Then
        Nat64Prefix.TryParse(null, out var prefix).Should().BeFalse();
        prefix.Should().BeNull();
    }

    [Fact]
    public void Synthesize_Ipv6Argument_ThrowsNamingAddress()
    {
        // Given
        var wkp = Nat64Prefix.WellKnown;

        // When
        var act = () => wkp.Synthesize(IPAddress.Parse("2001:db8::1"));

        // Then
        act.Should().Throw<Nat64AddressingException>().WithMessage("*2001:db8::1*IPv4 address is required*");
    }

    [Theory]
    [InlineData("2001:db8:100::/40", "2001:db8:1c0:2:ff21::", "u-octet")] // /40 with bits 64-71 set
    [InlineData("2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:1", "suffix")] // /64 with a non-zero suffix
    [InlineData("64:ff9b::/96", "2001:db8::c000:221", "not inside")]      // address from another prefix
    [InlineData("64:ff9b::/96", "192.0.2.33", "IPv6 address is required")] // IPv4 given where IPv6 is expected
    public void Extract_AddressBreakingRule_ThrowsNamingAddressAndRule(string prefix, string address, string rule)
    {
        // Given
        var nat64 = Nat64Prefix.Parse(prefix);

        // When
        var act = () => nat64.Extract(IPAddress.Parse(address));

        // Then
        act.Should().Throw<Nat64AddressingException>()
            .Where(e => e.Message.Contains(address) && e.Message.Contains(rule));
        nat64.TryExtract(IPAddress.Parse(address), out _).Should().BeFalse();
    }

    [Fact]
    public void IsWellKnown_NetworkSpecificSlash96_IsFalse()
    {
        // Given / When
        var nsp = Nat64Prefix.Parse("64:ff9b:1::/96");

        // Then
        nsp.IsWellKnown.Should().BeFalse();
    }

    [Fact]
    public void Synthesize_WellKnownWithSharedAddressSpace_IsAllowed()
    {
        // Given: RFC 6052 §3.1 forbids non-global v4 under the WKP, but the harness relies on 100.64/10 there.
        var wkp = Nat64Prefix.WellKnown;

        // When
        var act = () => wkp.Synthesize(IPAddress.Parse("100.64.0.10"));

        // Then
        act.Should().NotThrow();
    }

    [Fact]
    public void Contains_Ipv4Address_IsFalse()
    {
        // Given / When / Then
        Nat64Prefix.WellKnown.Contains(IPAddress.Parse("100.64.0.1")).Should().BeFalse();
    }

    [Fact]
    public void Equals_SamePrefixParsedTwice_AreEqual()
    {
        // Given / When / Then
        Nat64Prefix.Parse("2001:db8:100::/40").Should().Be(Nat64Prefix.Parse("2001:0db8:0100::/40"));
        Nat64Prefix.Parse("2001:db8:100::/40").ToString().Should().Be("2001:db8:100::/40");
    }
}
