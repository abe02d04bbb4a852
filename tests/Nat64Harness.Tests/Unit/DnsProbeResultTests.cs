using System.Net;
using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The probe's DNS answers read once into typed results (lines as a live run printed them, block 30, prefix 2001:db8:100::/40).</summary>
[Trait("Category", "Unit")]
public sealed class DnsProbeResultTests
{
    private static readonly IPAddress Resolver = IPAddress.Parse("2001:db8:1e::53");

    [Fact]
    public void Parse_ResolveOverUdp_ReadsAnswerRecordsTtlsAndWhoAnswered()
    {
        const string line = """{"name": "echo.nat64h.test", "type": "AAAA", "server": "2001:db8:1e::53", "port": 53, "transport": "udp", "attempts": [{"n": 1, "ms": 96.738}], "rtt_ms": 96.762, "local_addr": "2001:db8:1e::20", "local_port": 56285, "response": {"id": 575, "flags": {"qr": true, "aa": false, "tc": false, "rd": true, "ra": true, "ad": false, "cd": false}, "opcode": 0, "rcode": "NOERROR", "size": 62, "question": [{"name": "echo.nat64h.test.", "type": "AAAA"}], "answer": [{"name": "echo.nat64h.test.", "type": "AAAA", "ttl": 300, "data": "2001:db8:164:401e:a::"}], "authority": [], "additional": []}, "answered_by": "2001:db8:1e::53", "rcode": "NOERROR", "cname_chain": [], "canonical_name": "echo.nat64h.test.", "addresses": ["2001:db8:164:401e:a::"], "ttls": [300], "ok": true, "elapsed_ms": 97.083, "target": "2001:db8:1e::53", "kind": "resolve"}""";
        var exchange = DnsExchange.Resolve(new DnsQuestion("echo.nat64h.test"), Resolver);

        var resolution = ProbeResult.Parse(exchange, line, default, default).Resolution!;

        resolution.Should().BeEquivalentTo(new
        {
            Name = "echo.nat64h.test",
            Type = "AAAA",
            Transport = DnsTransport.Udp,
            Ok = true,
            Server = Resolver,
            Rcode = "NOERROR",
            Addresses = new[] { IPAddress.Parse("2001:db8:164:401e:a::") },
            Ttls = new[] { 300L },
            Attempts = 1,
            LocalPort = 56285,
        });
        resolution.Answers.Should().ContainSingle().Which.Should().Be(new DnsRecord("echo.nat64h.test.", "AAAA", 300, "2001:db8:164:401e:a::"));
    }

    [Fact]
    public void Parse_TcpByName_ReadsTheGetaddrinfoBeforeTheDial()
    {
        const string line = """{"seed": 1, "sent": 1000, "sent_sha256": "57", "local_addr": "2001:db8:1e::20", "local_port": 55774, "received": 1000, "received_sha256": "57", "ok": true, "elapsed_ms": 49.098, "name": "echo.nat64h.test", "resolution": {"name": "echo.nat64h.test", "transport": "system", "family": "inet6", "nameservers": ["2001:db8:1e::53"], "elapsed_ms": 65.998, "ok": true, "addresses": ["2001:db8:164:401e:a::"], "canonical_name": "echo.nat64h.test"}, "kind": "tcp", "target": "2001:db8:164:401e:a::"}""";
        var exchange = DnsExchange.ByName(ExchangeKind.Tcp, "echo.nat64h.test", IPAddress.Parse("2001:db8:164:401e:a::"), 1000);

        var result = ProbeResult.Parse(exchange, line, default, default);

        result.Ok.Should().BeTrue();
        result.Received.Should().Be(1000);
        result.Resolution!.Transport.Should().Be(DnsTransport.System);
        result.Resolution.Nameservers.Should().Equal(Resolver);
        result.FailedAtResolution.Should().BeFalse();
    }

    [Fact]
    public void Parse_DialByNameThatDidNotResolve_IsADnsFailure_WithTheDiagnosis()
    {
        const string line = """{"kind": "udp", "name": "echo.nat64h.test", "resolution": {"name": "echo.nat64h.test", "transport": "system", "family": "inet6", "nameservers": ["2001:db8:1e::53"], "elapsed_ms": 1002.1, "ok": false, "gai_error": -3, "error": "getaddrinfo echo.nat64h.test: Temporary failure in name resolution; 2001:db8:1e::53 did not answer echo.nat64h.test AAAA over udp: 1 attempt of 1 s", "diagnosis": [{"name": "echo.nat64h.test", "type": "AAAA", "server": "2001:db8:1e::53", "port": 53, "transport": "udp", "attempts": [{"n": 1, "error": "2001:db8:1e::53 did not answer over udp within 1 s", "ms": 1001.0}], "ok": false, "error": "2001:db8:1e::53 did not answer echo.nat64h.test AAAA over udp: 1 attempt of 1 s", "elapsed_ms": 1001.2}]}, "ok": false, "error": "resolve echo.nat64h.test: getaddrinfo echo.nat64h.test: Temporary failure in name resolution; 2001:db8:1e::53 did not answer echo.nat64h.test AAAA over udp: 1 attempt of 1 s", "target": ""}""";
        var exchange = DnsExchange.ByName(ExchangeKind.Udp, "echo.nat64h.test", IPAddress.Parse("64:ff9b::6440:1e0a"), 512);

        var result = ProbeResult.Parse(exchange, line, default, default);

        result.FailedAtResolution.Should().BeTrue();
        result.Resolution!.Diagnosis.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Server = Resolver, Attempts = 1, Ok = false });
    }

    [Fact]
    public void Parse_ExchangeByAddressThatFailed_IsNotADnsFailure()
    {
        var exchange = new Exchange(ExchangeKind.Tcp, IPAddress.Parse("64:ff9b::6440:1e0a"));

        var result = ProbeResult.Parse(exchange, """{"ok": false, "error": "OSError: [Errno 101] Network is unreachable"}""", default, default);

        result.FailedAtResolution.Should().BeFalse();
        result.Resolution.Should().BeNull();
    }

    [Fact]
    public void Parse_Rfc7050Discovery_ReadsCandidatesPrefixAndItsQuery()
    {
        const string line = """{"kind": "discover", "method": "rfc7050", "target": "2001:db8:1e::53", "query": {"name": "ipv4only.arpa", "type": "AAAA", "server": "2001:db8:1e::53", "transport": "udp", "attempts": [{"n": 1, "ms": 2.9}], "rcode": "NOERROR", "addresses": ["2001:db8:1c0:0:ab::", "2001:db8:1c0:0:aa::"], "ttls": [300, 300], "ok": true, "elapsed_ms": 3.4}, "answers": ["2001:db8:1c0:0:ab::", "2001:db8:1c0:0:aa::"], "candidates": [{"address": "2001:db8:1c0:0:ab::", "length": 40, "wka": "192.0.0.171", "prefix": "2001:db8:100::/40"}, {"address": "2001:db8:1c0:0:aa::", "length": 40, "wka": "192.0.0.170", "prefix": "2001:db8:100::/40"}], "prefixes": ["2001:db8:100::/40"], "ok": true, "prefix": "2001:db8:100::/40", "elapsed_ms": 8.98}""";

        var result = ProbeResult.Parse(DnsExchange.DiscoverByDns(Resolver), line, default, default);

        result.Discovery!.Should().BeEquivalentTo(new { Method = DiscoveryMethod.Rfc7050, Ok = true, Prefix = "2001:db8:100::/40" });
        result.Discovery.Candidates.Select(c => (c.Length, c.WellKnownAddress.ToString())).Should().Equal((40, "192.0.0.171"), (40, "192.0.0.170"));
        result.Resolution!.Addresses.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_Pref64Discovery_ReadsEachRouterAdvertisement()
    {
        const string line = """{"kind": "discover", "method": "pref64", "ras": [{"source": "fe80::1%eth0", "hop_limit": 64, "router_lifetime": 0, "invalid": "hop limit 64, RFC 4861 §6.1.2 wants 255", "options": [{"type": 38, "length": 2, "name": "pref64", "lifetime_s": 16, "plc": 0, "prefix": "64:ff9b::/96"}]}, {"source": "fe80::42:64ff:fe41:1e04%eth0", "hop_limit": 255, "length": 40, "code": 0, "router_lifetime": 0, "options": [{"type": 1, "length": 1}, {"type": 38, "length": 2, "name": "pref64", "scaled_lifetime": 2, "lifetime_s": 16, "plc": 4, "prefix": "2001:db8:100::/40"}], "at_ms": 347.465}], "solicited_on": ["eth0"], "ok": true, "prefix": "2001:db8:100::/40", "lifetime_s": 16, "source": "fe80::42:64ff:fe41:1e04%eth0", "elapsed_ms": 347.498, "target": ""}""";

        var discovery = ProbeResult.Parse(DnsExchange.DiscoverByRouterAdvertisement(TimeSpan.FromSeconds(3)), line, default, default).Discovery!;

        discovery.Prefix.Should().Be("2001:db8:100::/40");
        discovery.LifetimeSeconds.Should().Be(16);
        discovery.RouterAdvertisements.Should().Equal(
            new RouterAdvertisement("fe80::1%eth0", 64, 0, "hop limit 64, RFC 4861 §6.1.2 wants 255", "64:ff9b::/96", 16),
            new RouterAdvertisement("fe80::42:64ff:fe41:1e04%eth0", 255, 0, null, "2001:db8:100::/40", 16));
    }

    [Fact]
    public void Parse_ResolutionWithABadAddress_FailsNamingItsPath()
    {
        const string line = """{"kind": "resolve", "name": "echo.nat64h.test", "ok": true, "addresses": ["not-an-address"]}""";

        var parse = () => ProbeResult.Parse(DnsExchange.Resolve(new DnsQuestion("echo.nat64h.test"), Resolver), line, default, default);

        parse.Should().Throw<JsonException>().WithMessage("*$.addresses[0]*not-an-address*");
    }

    [Fact]
    public void ToCommand_DnsExchanges_AreTheProbesDnsCommands()
    {
        var server = IPAddress.Parse("2001:db8:1e::54");

        DnsExchange.Resolve(new DnsQuestion("alias.nat64h.test", "AAAA", DnsTransport.Tcp, server), Resolver).ToCommand()
            .Should().Equal("nat64h-probe", "resolve", "--name", "alias.nat64h.test", "--type", "AAAA", "--transport", "tcp", "--server", "2001:db8:1e::54");
        DnsExchange.DiscoverByDns(Resolver).ToCommand().Should().Equal("nat64h-probe", "discover", "--method", "rfc7050", "--transport", "udp");
        DnsExchange.DiscoverByRouterAdvertisement(TimeSpan.FromSeconds(3)).ToCommand()
            .Should().Equal("setpriv", "--reuid=0", "--regid=0", "--clear-groups", "--", "nat64h-probe", "discover", "--method", "pref64", "--timeout", "3");
        DnsExchange.ByName(ExchangeKind.Udp, "echo.nat64h.test", IPAddress.Parse("64:ff9b::6440:1e0a"), 512, 3).ToCommand()
            .Should().StartWith(["nat64h-probe", "udp", "--name", "echo.nat64h.test", "--port", "7"]);
    }
}
