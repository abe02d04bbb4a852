using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The DNS checks on hand-made answers: each passes on the right one and fails, with its reason, on one broken thing.</summary>
[Trait("Category", "Unit")]
public sealed class DnsVerifierTests
{
    private static readonly AddressPlan Plan = new(30, Nat64Prefix.Parse("2001:db8:100::/40"));
    private static readonly IPAddress Synthesized = Plan.EchoSynthesized; // 2001:db8:164:401e:a::

    [Theory]
    [InlineData("3fff:64::/32", "3fff:64:6440:1e0a::")]             // RFC 6052 §2.2, /32: v4 in bits 32-63
    [InlineData("2001:db8:100::/40", "2001:db8:164:401e:a::")]      // /40: three octets, the u octet, the fourth
    [InlineData("2001:db8:148::/48", "2001:db8:148:6440:1e:a00::")] // /48
    [InlineData("2001:db8:156::/56", "2001:db8:156:64:40:1e0a::")]  // /56
    [InlineData("2001:db8:164::/64", "2001:db8:164:0:64:401e:a00:0")] // /64: after the u octet
    [InlineData("64:ff9b::/96", "64:ff9b::6440:1e0a")]             // /96, the well-known prefix
    public void SynthesisCheck_FoundIn_FindsThePrefixAtEachRfc6052Length(string prefix, string address)
    {
        SynthesisCheck.FoundIn(IPAddress.Parse(address), Plan.EchoV4).Should().Be(Nat64Prefix.Parse(prefix));
    }

    [Fact]
    public void Answer_SynthesisedWithTheNetworksPrefix_Passes()
    {
        var verdict = Verify(Resolve(TestZone.Echo), Answer(Synthesized));

        verdict.Passed.Should().BeTrue(verdict.ToString());
    }

    [Fact]
    public void Answer_SynthesisedWithAnotherPrefix_FailsSayingWhichPrefix()
    {
        var verdict = Verify(Resolve(TestZone.Echo), Answer(IPAddress.Parse("2001:db8:ff::6440:1e0a")));

        verdict.Failures.Should().Contain("synthesised with prefix 2001:db8:ff::/96, expected 2001:db8:100::/40");
    }

    [Fact]
    public void Answer_NotEmbeddingTheEchoServer_FailsNamingTheExpectedAddress()
    {
        var verdict = Verify(Resolve(TestZone.Echo), Answer(IPAddress.Parse("2001:db8:1e::99")));

        verdict.Failures.Should().Contain($"100.64.30.10 is at no RFC 6052 position of it, expected {Synthesized}");
    }

    [Fact]
    public void Answer_Ipv4MappedAaaa_FailsAsRfc6147Section514()
    {
        var verdict = Verify(Resolve(TestZone.Mapped), Answer(IPAddress.Parse("::ffff:100.64.30.10")));

        verdict.Failures.Should().Contain("is IPv4-mapped").And.Contain("RFC 6147 §5.1.4");
    }

    [Fact]
    public void Answer_DualStackName_PassesOnItsRealAaaa_FailsWhenSynthesised()
    {
        Verify(Resolve(TestZone.Dual), Answer(Plan.DualAaaa)).Passed.Should().BeTrue();
        Verify(Resolve(TestZone.Dual), Answer(Synthesized)).Failures.Should().Contain($"{Synthesized} synthesised, expected the real AAAA {Plan.DualAaaa} only");
    }

    [Fact]
    public void Answer_AliasWithoutItsChain_FailsAsRfc6147Section515()
    {
        var kept = Answer(Synthesized) with { CnameChain = ["alias2.nat64h.test.", "echo.nat64h.test."] };

        Verify(Resolve(TestZone.Alias), kept).Passed.Should().BeTrue();
        Verify(Resolve(TestZone.Alias), kept with { CnameChain = ["echo.nat64h.test."] }).Failures.Should().Contain("RFC 6147 §5.1.5");
    }

    [Fact]
    public void Answer_Ttl_BoundByTheProfile()
    {
        var fresh = Answer(Synthesized) with { Ttls = [300] };

        DnsVerifier.Verify(Result(Resolve(TestZone.Echo), fresh), Plan, ResolverProfile.Unbound).Passed.Should().BeTrue();
        DnsVerifier.Verify(Result(Resolve(TestZone.Echo), fresh), Plan, ResolverProfile.Rfc6147).Failures.Should().Contain("TTL 300 exceeds 60");
        DnsVerifier.Verify(Result(Resolve(TestZone.Echo), fresh with { Ttls = [301] }), Plan, ResolverProfile.Unbound).Failures.Should().Contain("TTL 301 exceeds 300");
    }

    [Fact]
    public void Answer_NxdomainExpected_PassesOnlyOnNxdomain()
    {
        var nx = new NameResolution { Name = TestZone.Missing, Rcode = "NXDOMAIN", Error = "answered NXDOMAIN" };

        Verify(Resolve(TestZone.Missing), nx).Passed.Should().BeTrue();
        Verify(Resolve(TestZone.Missing), nx with { Rcode = "SERVFAIL" }).Failures.Should().Contain("SERVFAIL, expected NXDOMAIN");
    }

    [Fact]
    public void Answer_NameWithoutExpectation_Fails()
    {
        Verify(Resolve("other.nat64h.test"), Answer(Synthesized)).Failures.Should().Contain("no expectation");
    }

    [Fact]
    public void Discovery_ConfiguredPrefix_Passes_AnotherFailsSayingBoth()
    {
        var exchange = DnsExchange.DiscoverByDns(Plan.Dns64V6);
        var found = new PrefixDiscovery { Ok = true, Prefix = "2001:db8:100::/40", Prefixes = ["2001:db8:100::/40"] };

        DnsVerifier.Verify(new ProbeResult { Exchange = exchange, Discovery = found }, Plan, ResolverProfile.Unbound).Passed.Should().BeTrue();
        DnsVerifier.Verify(new ProbeResult { Exchange = exchange, Discovery = found with { Prefix = "64:ff9b::/96", Prefixes = ["64:ff9b::/96"] } }, Plan, ResolverProfile.Unbound)
            .Failures.Should().Contain("discovered 64:ff9b::/96 by RFC 7050 (ipv4only.arpa), expected the configured 2001:db8:100::/40");
    }

    [Fact]
    public void DialByName_FailedAtDns_IsNamedADnsFailure()
    {
        var exchange = DnsExchange.ByName(ExchangeKind.Tcp, TestZone.Echo, Synthesized, 1000);
        var failed = new ProbeResult { Exchange = exchange, Ok = false, Error = "resolve echo.nat64h.test: getaddrinfo echo.nat64h.test: Temporary failure in name resolution; 2001:db8:1e::53 did not answer" };

        failed.FailedAtResolution.Should().BeTrue();
        DnsVerifier.Verify(failed, Plan, ResolverProfile.Unbound).Failures.Should().StartWith("DNS failure: resolve echo.nat64h.test:");
    }

    private static Exchange Resolve(string name) => DnsExchange.Resolve(new DnsQuestion(name), Plan.Dns64V6);

    private static NameResolution Answer(IPAddress address) =>
        new() { Name = "q", Ok = true, Rcode = "NOERROR", Addresses = [address], Ttls = [300] };

    private static ProbeResult Result(Exchange exchange, NameResolution resolution) =>
        new() { Exchange = exchange, Ok = resolution.Ok, Resolution = resolution };

    private static DnsVerdict Verify(Exchange exchange, NameResolution resolution) =>
        DnsVerifier.Verify(Result(exchange, resolution), Plan, ResolverProfile.Unbound);
}
