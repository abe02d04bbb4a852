using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Live;

/// <summary>
/// Every RFC 6052 length live, through Tayga and through Jool: one topology per cell with the router, the DNS64
/// resolver, the PREF64 sender and the oracle all on the cell's prefix (docs/address-plan.md says why each prefix).
/// A cell passes when an echo by name crosses (its DNS queries across the NAT64 judged with it) and both discoveries
/// find the prefix; a router that refuses the prefix must say so in its own words. The table lands in
/// captures/prefix-matrix.txt and in the README.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "both")]
[Trait("Prefix", "matrix")]
[Collection(DockerThirdLane.Name)]
public sealed class PrefixMatrixTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<(string Prefix, RouterKind Router), string> Table = new();

    /// <summary>(prefix, router, the router's refusal or null when it must translate it).</summary>
    public static TheoryData<string, RouterKind, string?> Cells()
    {
        var cells = new TheoryData<string, RouterKind, string?>();
        foreach (var router in new[] { RouterKind.Tayga, RouterKind.Jool })
        {
            foreach (var prefix in new[] { "3fff:64::/32", "2001:db8:100::/40", "2001:db8:148::/48", "2001:db8:156::/56", "2001:db8:164::/64", "2001:db8:196::/96" })
            {
                cells.Add(prefix, router, null);
            }

            // RFC 8215's local-use prefix: Tayga 0.9.2 refuses the whole /48 as reserved; Jool translates it
            cells.Add("64:ff9b:1::/48", router, router == RouterKind.Tayga ? "Cannot use reserved address 64:ff9b:1::/48 in prefix directive" : null);
        }

        return cells;
    }

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public async Task Prefix_ThroughRouter_IsTranslatedResolvedAndDiscovered_OrRefusedInTheRoutersWords(string text, RouterKind router, string? refusal)
    {
        DockerRequirement.Check();
        var prefix = Nat64Prefix.Parse(text);
        var log = new StringWriter();
        var options = TestSettings.Current.Topology($"prefix{prefix.Length}", log) with { Prefix = prefix, Router = router };
        var watch = Stopwatch.StartNew();

        if (refusal is not null)
        {
            // Given a prefix the router refuses: the start fails with the router's reason, nothing is left running. The
            // router refuses at its own start, before anything uses DNS: the DNS containers are left out.
            var start = () => Nat64Topology.StartAsync(options with { Dns = DnsOptions.Off });
            var refused = (await start.Should().ThrowAsync<PrefixRefusedException>()).Which;
            refused.Reason.Should().Contain(refusal);
            refused.Message.Should().StartWith($"{router.ToString().ToLowerInvariant()} refused the NAT64 prefix {prefix}: ");
            Record(text, router, $"refused: {refused.Reason}", watch.Elapsed);
            return;
        }

        await using var topology = await Nat64Topology.StartAsync(options);
        await topology.Resolver!.FlushCacheAsync();

        // When the probe dials the echo server by name (its DNS queries cross the NAT64 during the exchange) and
        // discovers the prefix both ways
        var tcp = await topology.RunAsync(DnsScenarios.TcpEchoByName);
        var udp = await topology.RunAsync(DnsScenarios.UdpEchoByName);
        var rfc7050 = await topology.RunAsync(DnsScenarios.DiscoverByDns);
        var pref64 = await topology.RunAsync(DnsScenarios.DiscoverByRouterAdvertisement);

        // Then the echoes come back, their names were synthesised in the prefix, the oracle finds every packet across
        // the router right at this length (TCP and DNS), and both discoveries find exactly this prefix
        CaptureEvidence.Assert(tcp, () =>
        {
            tcp.Result.Ok.Should().BeTrue(tcp.Result.Error);
            var verdict = ExchangeVerifier.Verify(tcp, topology.Translator);
            verdict.Conforms.Should().BeTrue(verdict.ToString());
            verdict.PairsOnPort(53).Should().BeGreaterThan(0, "the resolver's queries crossed the NAT64");
            foreach (var run in new[] { tcp, udp, rfc7050, pref64 })
            {
                var dns = DnsSupport.Judge(topology, run);
                dns.Passed.Should().BeTrue(dns.ToString());
            }

            udp.Result.Ok.Should().BeTrue(udp.Result.Error);
        });
        Record(text, router, $"passes ({tcp.Result.Resolution!.Addresses[0]})", watch.Elapsed);
        output.WriteLine(log.ToString());
    }

    private void Record(string prefix, RouterKind router, string outcome, TimeSpan took)
    {
        Table[(prefix, router)] = $"{outcome}; {took.TotalSeconds:F0} s";
        var lines = Table.OrderBy(e => Nat64Prefix.Parse(e.Key.Prefix).Length).ThenBy(e => e.Key.Prefix).ThenBy(e => e.Key.Router)
            .Select(e => $"{e.Key.Prefix,-20} {e.Key.Router.ToString().ToLowerInvariant(),-6} {e.Value}");
        var path = Path.Combine(TestSettings.Current.Layout.Captures, "prefix-matrix.txt");
        File.WriteAllLines(path, lines);
        output.WriteLine($"{prefix} {router}: {outcome} in {took.TotalSeconds:F1} s ({path})");
    }
}
