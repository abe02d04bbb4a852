using FluentAssertions;
using Nat64Harness.Cli;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// Names through every topology: the DNS64 resolver sits on the access network, so behind a VPN the probe reaches it
/// through the VPN (a tunnel routes its /128 into the tunnel; the per-app VPN carries the app uid's queries), and the
/// resolver reaches the IPv4-only authoritative server through the NAT64, where the oracle judges its queries. A VPN
/// that cannot carry DNS states it in its known deviations (strongSwan 5.9.8), asserted like any other.
/// </summary>
public abstract partial class Nat64ConformanceTests
{
    [SkippableFact]
    public async Task Pref64_IsDiscoveredExactlyWhereTheProbeIsOnTheAccessNetwork()
    {
        // Given the topology's word on where the probe is: on the access network, where the PREF64 sender's Router
        // Advertisements go (no VPN, a per-app VPN in uid mode), or behind a VPN that gives it another link
        var onAccessLink = Topology.ProbeOnAccessLink;

        // When the probe solicits and listens for Router Advertisements, as a PREF64 discovery does
        var run = await Topology.RunAsync(DnsScenarios.DiscoverByRouterAdvertisement);

        // Then on the access network it finds exactly the run's prefix; anywhere else no RA with a PREF64 reaches it,
        // which is why `nat64h run` leaves the exchange out there (and only there) rather than fail every such run
        if (onAccessLink)
        {
            var dns = DnsSupport.Judge(Topology, run);
            dns.Passed.Should().BeTrue(dns.ToString());
        }
        else
        {
            run.Result.Ok.Should().BeFalse("no Router Advertisement of the access network reaches a probe behind this VPN");
            run.Result.Error.Should().Contain("no valid RA with a PREF64 option");
        }

        RunCommand.DnsScenariosFor(onAccessLink, "this VPN").Scenarios.Should().Contain(DnsScenarios.DiscoverByDns)
            .And.Subject.Contains(DnsScenarios.DiscoverByRouterAdvertisement).Should().Be(onAccessLink);
    }

    [SkippableTheory]
    [InlineData(DnsTransport.Udp)]    // a stub's first try
    [InlineData(DnsTransport.Tcp)]    // RFC 7766: TCP must work too (large answers, truncation)
    [InlineData(DnsTransport.System)] // getaddrinfo over resolv.conf, as an app resolves
    public async Task ResolveEcho_ThroughPath_IsSynthesisedWithTheNetworksPrefix(DnsTransport transport)
    {
        // Given an A-only name and an empty resolver cache
        await Topology.Resolver!.FlushCacheAsync();

        // When the probe asks the run's resolver for its AAAA
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Echo, transport));

        // Then the answer is the echo server's IPv4 inside the network's prefix, and the resolver's queries that
        // crossed the NAT64 to the IPv4-only authoritative server were translated as RFC 7915 wants
        Expect(run, () =>
        {
            var dns = DnsSupport.Judge(Topology, run);
            dns.Passed.Should().BeTrue(dns.ToString());
            run.Result.Resolution!.Addresses.Should().Equal(Topology.Plan.EchoSynthesized);
            var verdict = ExchangeVerifier.Verify(run, Topology.Translator);
            verdict.Conforms.Should().BeTrue(verdict.ToString());
            verdict.PairsOnPort(53).Should().BeGreaterThan(0, "the resolver's query to the authoritative server crosses the NAT64");
        });
    }

    [SkippableFact]
    public async Task ResolverQueries_ThroughPath_ArriveFromTheProbesSourceOnThePath()
    {
        // Given the probe resolving as an app does
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Echo, DnsTransport.System));

        // Then the resolver is asked from the probe's source as the router sees it: its own address in the baseline, its
        // tunnel address behind a tunnel VPN (the query went through the tunnel), the VPN's address behind a per-app VPN
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            DnsSupport.QuerySources(run.DnsPcap, Topology.Plan.Dns64V6).Should().Equal(Topology.ProbeSource);
        });
    }

    [SkippableFact]
    public async Task TcpEchoByName_ThroughPath_ReturnsPayload_AndEveryPacketAcrossTheNat64ConformsDnsIncluded()
    {
        // Given an empty resolver cache, so the name's resolution crosses the NAT64 during the exchange
        await Topology.Resolver!.FlushCacheAsync();

        // When the probe dials echo.nat64h.test as an app does (getaddrinfo, then connect)
        var run = await Topology.RunAsync(DnsScenarios.TcpEchoByName);

        // Then the bytes come back, the name led to the echo server's synthesised address, and every packet across the
        // router conforms: the TCP flow and the resolver's DNS queries alike
        Expect(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            var dns = DnsSupport.Judge(Topology, run);
            dns.Passed.Should().BeTrue(dns.ToString());
            var verdict = ExchangeVerifier.Verify(run, Topology.Translator);
            verdict.Conforms.Should().BeTrue(verdict.ToString());
            verdict.PairsOnPort(53).Should().BeGreaterThan(0, "the name's resolution crossed the NAT64 during the exchange");
            verdict.PairsOnPort(EchoServerBuilder.Port).Should().BeGreaterThan(0);
        });
    }

    [SkippableFact]
    public async Task UdpEchoByName_ThroughPath_ReturnsEveryDatagram_AndTranslationConforms()
    {
        var run = await Topology.RunAsync(DnsScenarios.UdpEchoByName);

        Expect(run, () =>
        {
            DnsSupport.Judge(Topology, run).Passed.Should().BeTrue(run.Result.Error);
            AssertConforms(run);
        });
    }

    [SkippableFact]
    public async Task DualStackName_ThroughPath_ResolvesToItsRealAaaa()
    {
        // Given a name with both an A and a real AAAA
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Dual, DnsTransport.Udp));

        // Then the real AAAA comes back and nothing is synthesised (RFC 6147 §5.1.1)
        Expect(run, () =>
        {
            var dns = DnsSupport.Judge(Topology, run);
            dns.Passed.Should().BeTrue(dns.ToString());
            run.Result.Resolution!.Addresses.Should().Equal(Topology.Plan.DualAaaa);
        });
    }

    [SkippableFact]
    public async Task Rfc7050Discovery_ThroughPath_FindsTheConfiguredPrefix()
    {
        // Given ipv4only.arpa served from the IPv4 side: the query crosses the NAT64 as on a real network
        await Topology.Resolver!.FlushCacheAsync();

        // When the probe discovers the prefix by RFC 7050
        var run = await Topology.RunAsync(DnsScenarios.DiscoverByDns);

        // Then it finds exactly the prefix the router translates
        Expect(run, () =>
        {
            var dns = DnsSupport.Judge(Topology, run);
            dns.Passed.Should().BeTrue(dns.ToString());
            run.Result.Discovery!.Prefix.Should().Be(Topology.Plan.Prefix.ToString());
        });
    }
}
