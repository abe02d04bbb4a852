using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class ExplicitAddressMappingTests
{
    private static ExplicitAddressMapping Table() => new(
    [
        (IPNetwork.Parse("2001:db8:3::/120"), IPNetwork.Parse("1.0.0.0/24")),       // RFC 7757 §3.2: 8 suffix bits after a /120
        (IPNetwork.Parse("2001:db8:1c0:2::/72"), IPNetwork.Parse("192.0.2.0/24")),   // suffix right after a /72, then zeros
        (IPNetwork.Parse("2001:db8:ff::1/128"), IPNetwork.Parse("203.0.113.8/32")),  // single address
    ]);

    [Theory]
    [InlineData("2001:db8:3::60", "1.0.0.96")]
    [InlineData("2001:db8:1c0:2:21::", "192.0.2.33")]
    [InlineData("2001:db8:ff::1", "203.0.113.8")]
    public void Mapping_BothWays_CopiesTheSuffix(string ipv6, string ipv4)
    {
        // Given
        var table = Table();

        // When / Then
        table.ToIpv4(IPAddress.Parse(ipv6)).Should().Be(IPAddress.Parse(ipv4));
        table.ToIpv6(IPAddress.Parse(ipv4)).Should().Be(IPAddress.Parse(ipv6));
    }

    [Fact]
    public void Mapping_OutsideEveryEntry_AsksTheFallback()
    {
        // Given
        var table = new ExplicitAddressMapping([(IPNetwork.Parse("2001:db8:3::/120"), IPNetwork.Parse("1.0.0.0/24"))],
            new StaticAddressMapping([(IPAddress.Parse("2001:db8:5::2"), IPAddress.Parse("100.64.5.130"))]));

        // When / Then
        table.ToIpv4(IPAddress.Parse("2001:db8:5::2")).Should().Be(IPAddress.Parse("100.64.5.130"));
        table.ToIpv4(IPAddress.Parse("2001:db8:6::2")).Should().BeNull();
    }

    [Fact]
    public void Constructor_SuffixDoesNotFit_Throws()
    {
        // Given: a /8 IPv4 prefix leaves 24 bits, a /112 IPv6 prefix only 16
        var act = () => new ExplicitAddressMapping([(IPNetwork.Parse("2001:db8::/112"), IPNetwork.Parse("10.0.0.0/8"))]);

        // When / Then
        act.Should().Throw<ArgumentException>().WithMessage("*does not fit*");
    }

    [Fact]
    public void Judge_EamEntryInsideThePrefix_TakesPriority()
    {
        // Given: RFC 7757 §3.2 — an EAM overrides the RFC 6052 prefix; 64:ff9b::c000:221 would extract 192.0.2.33
        var context = new TranslationContext(Nat64Prefix.WellKnown, new ExplicitAddressMapping([(IPNetwork.Parse("64:ff9b::c000:200/120"), IPNetwork.Parse("100.64.7.0/24"))]));
        var before = new TestPacket { Source = TranslationPairs.Client6, Destination = "64:ff9b::c000:221", Upper = new UdpSpec(40000, 7, TranslationPairs.Data) };
        var eam = new TestPacket { Source = "100.64.5.130", Destination = "100.64.7.33", HopLimit = 63, Upper = new UdpSpec(40000, 7, TranslationPairs.Data) };

        // When
        var verdict = OracleTestHelper.Judge(before, eam, context with { Mapping = new ExplicitAddressMapping(((ExplicitAddressMapping)context.Mapping).Entries, new StaticAddressMapping([(IPAddress.Parse(TranslationPairs.Client6), IPAddress.Parse("100.64.5.130"))])) });

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void ScenarioFile_EamKey_BuildsTheTable()
    {
        // Given
        var path = Path.Combine(Path.GetTempPath(), $"nat64h-scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "prefix": "2001:db8:100::/40", "eam": [ { "ipv6": "2001:db8:3::/120", "ipv4": "1.0.0.0/24" } ], "zeroChecksumUdp": "drop" }""");
        try
        {
            // When
            var context = ScenarioFile.Load(path).ToContext();

            // Then
            context.Mapping.ToIpv4(IPAddress.Parse("2001:db8:3::7")).Should().Be(IPAddress.Parse("1.0.0.7"));
            context.ZeroChecksumUdp.Should().Be(ZeroChecksumUdpPolicy.Drop);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
