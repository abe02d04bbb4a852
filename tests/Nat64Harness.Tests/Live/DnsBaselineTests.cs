using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Dns;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Live;

/// <summary>
/// The DNS64 checks, each beside the negative that proves it can fail: a resolver configured wrong on purpose is
/// started beside the run's own (at <see cref="AddressPlan.SpareDns64V6"/>) and asked the same question.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class DnsBaselineTests(BaselineTopologyFixture fixture, ITestOutputHelper output)
{
    private static readonly Nat64Prefix WrongPrefix = Nat64Prefix.Parse("2001:db8:ff::/96");

    private Nat64Topology Topology => fixture.Topology;

    [SkippableFact]
    public async Task ResolveEcho_FromDns64WithWrongPrefix_FailsSayingWhichPrefix()
    {
        // Given a DNS64 that synthesises with another prefix than the network's
        await using var wrong = await Topology.StartSpareResolverAsync(Dns64Settings.Correct with { SynthesisPrefix = WrongPrefix });

        // When the probe asks it, and the run's own resolver, for the echo name's AAAA
        var bad = await AskAsync(TestZone.Echo, Topology.Plan.SpareDns64V6);
        var good = await AskAsync(TestZone.Echo, Topology.Plan.Dns64V6);

        // Then the harness says which prefix it synthesised with, and which it expected; the correct one passes
        var verdict = DnsSupport.Judge(Topology, bad);
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().Contain($"synthesised with prefix {WrongPrefix}, expected {Topology.Plan.Prefix}");
        DnsSupport.Judge(Topology, good).Passed.Should().BeTrue();
    }

    [SkippableFact]
    public async Task Rfc7050Discovery_ThroughDns64WithWrongPrefix_FindsItsPrefix_AndFails()
    {
        await using var wrong = await Topology.StartSpareResolverAsync(Dns64Settings.Correct with { SynthesisPrefix = WrongPrefix });

        var run = await Topology.RunAsync(DnsExchange.DiscoverByDns(Topology.Plan.Dns64V6, server: Topology.Plan.SpareDns64V6), "discover-wrong-dns64");

        var verdict = DnsSupport.Judge(Topology, run);
        verdict.Failures.Should().Contain($"discovered {WrongPrefix} by RFC 7050 (ipv4only.arpa), expected the configured {Topology.Plan.Prefix}");
    }

    [SkippableFact]
    public async Task DualStackName_FromDns64SynthesisingEverything_FailsAsSynthesised()
    {
        // Given unbound's dns64-synthall: every AAAA synthesised, real ones ignored (RFC 6147 §5.1.1 broken)
        await using var synthall = await Topology.StartSpareResolverAsync(Dns64Settings.Correct with { SynthesizeAll = true });

        var run = await AskAsync(TestZone.Dual, Topology.Plan.SpareDns64V6);

        var verdict = DnsSupport.Judge(Topology, run);
        verdict.Failures.Should().Contain($"{Topology.Plan.Prefix.Synthesize(Topology.Plan.EchoV4)} synthesised, expected the real AAAA {Topology.Plan.DualAaaa} only").And.Contain("RFC 6147 §5.1.1");
    }

    [SkippableFact]
    public async Task MappedName_IsSynthesised_AndAResolverReturningTheMappedAaaaFails()
    {
        // Given the name whose only AAAA is IPv4-mapped, asked of the run's resolver and of one that does not exclude ::ffff:0:0/96
        await using var unexcluded = await Topology.StartSpareResolverAsync(Dns64Settings.Correct with { IgnoreAaaa = [] });
        var good = await AskAsync(TestZone.Mapped, Topology.Plan.Dns64V6);
        var bad = await AskAsync(TestZone.Mapped, Topology.Plan.SpareDns64V6);

        // Then the run's resolver synthesises it (RFC 6147 §5.1.4), and the other one's answer is named IPv4-mapped
        DnsSupport.Judge(Topology, good).Passed.Should().BeTrue(DnsSupport.Judge(Topology, good).ToString());
        DnsSupport.Judge(Topology, bad).Failures.Should().Contain("is IPv4-mapped (::ffff:0:0/96)").And.Contain("RFC 6147 §5.1.4");
    }

    [SkippableTheory]
    [InlineData(DnsTransport.Udp)]
    [InlineData(DnsTransport.Tcp)]
    public async Task AliasChain_IsKept_AndItsEndSynthesised(DnsTransport transport)
    {
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Alias, transport));

        var verdict = DnsSupport.Judge(Topology, run);
        verdict.Passed.Should().BeTrue(verdict.ToString());
        run.Result.Resolution!.CnameChain.Should().Equal($"{TestZone.Alias2}.", $"{TestZone.Echo}.");
    }

    [SkippableFact]
    public async Task MissingName_IsNxdomain_AndANameOutsideTheZones_IsRefusedWithoutLeavingTheResolver()
    {
        // Given an empty cache
        await Topology.Resolver!.FlushCacheAsync();

        // When the probe asks for a missing name of the zone, and for a name of the world
        var missing = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Missing, DnsTransport.Udp));
        var outside = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Outside, DnsTransport.Udp));

        // Then NXDOMAIN comes back from the authoritative server through the NAT64, and REFUSED from the resolver
        // itself: for the world's name not one packet crossed the router
        DnsSupport.Judge(Topology, missing).Passed.Should().BeTrue(DnsSupport.Judge(Topology, missing).ToString());
        DnsSupport.Packets(missing.V4Pcap).Should().BeGreaterThan(0, "the missing name was asked of the authoritative server");
        CaptureEvidence.Assert(outside, () =>
        {
            DnsSupport.Judge(Topology, outside).Passed.Should().BeTrue(DnsSupport.Judge(Topology, outside).ToString());
            (DnsSupport.Packets(outside.V6Pcap) + DnsSupport.Packets(outside.V4Pcap)).Should().Be(0, "no recursion to the world");
        });
    }

    [SkippableFact]
    public async Task SynthesisedTtl_IsTheAsTtl_AcceptedForUnbound_AndFailsAgainstRfc6147Alone()
    {
        // Given a fresh answer (the TTL as the resolver synthesised it, not counted down in its cache)
        await Topology.Resolver!.FlushCacheAsync();
        var run = await Topology.RunAsync(DnsScenarios.Resolve(TestZone.Echo, DnsTransport.Udp));

        // Then unbound's profile accepts the A's TTL (its stated deviation); RFC 6147 §5.1.7 alone bounds it by the SOA minimum
        DnsSupport.Judge(Topology, run, ResolverProfile.Unbound).Passed.Should().BeTrue();
        DnsSupport.Judge(Topology, run, ResolverProfile.Rfc6147).Failures.Should().Contain($"exceeds {TestZone.SoaMinimum}").And.Contain("RFC 6147 §5.1.7");
    }

    [SkippableFact]
    public async Task Pref64Discovery_FindsTheConfiguredPrefix_AndAWrongPref64IsNamed()
    {
        // Given the run's RA sender, then a second one advertising another prefix while the first is silent
        var good = await Topology.RunAsync(DnsScenarios.DiscoverByRouterAdvertisement);
        ExchangeRun bad;
        await using (await DnsSupport.PauseAsync(Topology.Pref64Sender!))
        {
            await using var wrong = await Topology.StartSparePref64SenderAsync(WrongPrefix);
            bad = await Topology.RunAsync(DnsScenarios.DiscoverByRouterAdvertisement);
        }

        // Then the first is the configured prefix; the second fails naming what it found
        DnsSupport.Judge(Topology, good).Passed.Should().BeTrue(DnsSupport.Judge(Topology, good).ToString());
        good.Result.Discovery!.RouterAdvertisements.Should().Contain(ra => ra.Invalid == null && ra.HopLimit == 255 && ra.RouterLifetime == 0);
        DnsSupport.Judge(Topology, bad).Failures.Should().Contain($"discovered {WrongPrefix} by PREF64 (RFC 8781 Router Advertisements), expected the configured {Topology.Plan.Prefix}");

        // And `nat64h report` on the kept files passes the discovery as the run did: nothing of it crosses the router
        var (exit, page) = await KeptFolderReport.RunAsync(good);
        exit.Should().Be(0, page);
        page.Should().Contain("nothing crossed the router, and a discover exchange need not");
    }

    [SkippableFact]
    public async Task ResolverDown_ExchangeByName_FailsFastNamingTheResolver()
    {
        // Given the run's resolver silent (paused: no answer, no error)
        ExchangeRun run;
        await using (await DnsSupport.PauseAsync(Topology.Resolver!))
        {
            // When the probe dials by name
            run = await Topology.RunAsync(DnsScenarios.TcpEchoByName);
        }

        // Then it fails at DNS, naming the server that did not answer, after the probe's one attempt of 1 s and one
        // diagnosis query of 1 s (resolv.conf: timeout:1 attempts:1)
        output.WriteLine($"resolver down: failed after {run.Result.ElapsedMs:F0} ms: {run.Result.Error}");
        run.Result.FailedAtResolution.Should().BeTrue(run.Result.Error);
        run.Result.Error.Should().Contain($"{Topology.Plan.Dns64V6} did not answer");
        run.Result.Resolution!.Diagnosis.Should().ContainSingle().Which.Attempts.Should().Be(1);

        // And `nat64h report` on the kept files fails it as the run did, with the probe's words
        var (exit, page) = await KeptFolderReport.RunAsync(run);
        exit.Should().Be(1);
        page.Should().Contain($"{Topology.Plan.Dns64V6} did not answer").And.Contain("nothing of this tcp exchange crossed the router: the probe failed");
    }

    private Task<ExchangeRun> AskAsync(string name, System.Net.IPAddress server) =>
        Topology.RunAsync(DnsExchange.Resolve(new DnsQuestion(name, "AAAA", DnsTransport.Udp, server), Topology.Plan.Dns64V6), $"ask-{name.Split('.')[0]}");
}
