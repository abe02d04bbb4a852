using System.Globalization;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Golden;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Replay;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>
/// Live exchanges through Tayga compared with golden pcaps under fixtures/live-tayga-*, after the documented
/// normaliser (GoldenNormalizer.Rules). NAT64H_UPDATE_GOLDEN=1 rewrites the fixtures from this run instead.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class LiveGoldenTests(GoldenTopologyFixture fixture) : IClassFixture<GoldenTopologyFixture>
{
    [SkippableTheory]
    [InlineData(ExchangeKind.Udp, "live-tayga-udp-echo")]    // two datagrams and their echoes: shape is fixed
    [InlineData(ExchangeKind.Icmp, "live-tayga-icmpv6-echo")] // two echo requests and replies
    public async Task Exchange_ThroughTayga_MatchesGoldenCapture(ExchangeKind kind, string fixtureName)
    {
        // Given the baseline on the golden block
        var topology = fixture.Topology;
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, fixtureName);

        // When the exchange runs
        var run = await topology.RunAsync(ScenarioCatalog.Golden(kind));

        // Then both sides match their golden captures, field by field after normalisation
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            var mode = Environment.GetEnvironmentVariable(GoldenComparer.UpdateVariable) == "1" ? GoldenMode.Update : GoldenMode.Compare;
            var both = GoldenComparer.CheckAgainstFiles(Path.Combine(folder, Replayer.BeforeFile), Path.Combine(folder, Replayer.AfterFile),
                new CapturePair(Read(run.V6Pcap!), Read(run.V4Pcap!)), mode);
            if (both.Updated)
            {
                WriteScenario(folder, kind, topology);
            }

            both.Matches.Should().BeTrue($"captures differ from {folder}/{Replayer.BeforeFile} + {Replayer.AfterFile}:\n{both}");
        });
    }

    [SkippableFact]
    public async Task GoldenComparison_WithOneLivePacketChanged_NamesPacketAndField()
    {
        // Given a live ICMPv6 exchange whose second IPv4 packet has its TTL changed
        var topology = fixture.Topology;
        var run = await topology.RunAsync(ScenarioCatalog.Golden(ExchangeKind.Icmp));
        var packets = Read(run.V4Pcap!).ToList();
        var ip = packets[1].Ip.ToArray();
        ip[8]++;
        packets[1] = packets[1] with { Ip = ip };

        // When it is compared with the golden capture (never rewritten by this test)
        using var golden = PcapReader.Open(Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-icmpv6-echo", Replayer.AfterFile));
        var comparison = GoldenComparer.Compare(golden.ReadPackets().Select(Own).ToList(), packets);

        // Then the difference names packet 1 and the field
        CaptureEvidence.Assert(run, () =>
        {
            comparison.Matches.Should().BeFalse();
            comparison.Differences.Should().Contain(d => d.PacketIndex == 1 && d.Field == Nat64Harness.Packets.FieldNames.Ipv4Ttl);
        });
    }

    private static IReadOnlyList<CapturedPacket> Read(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        return reader.ReadPackets().Select(Own).ToList();
    }

    // The reader may reuse its buffer between packets: keep a copy of each.
    private static CapturedPacket Own(CapturedPacket p) => p with { Ip = p.Ip.ToArray() };

    private static void WriteScenario(string folder, ExchangeKind kind, Nat64Topology topology)
    {
        var profile = RouterProfile.Tayga;
        var scenario = new ScenarioFile
        {
            Description = $"Live {kind} echo through Tayga 0.9.2 on block {topology.Plan.Block}, recorded by LiveGoldenTests with NAT64H_UPDATE_GOLDEN=1",
            Prefix = topology.Plan.Prefix.ToString(),
            DontFragment = profile.DontFragment,
            ForwardingHops = profile.ForwardingHops,
        };
        File.WriteAllText(Path.Combine(folder, ScenarioFile.FileName), scenario.ToJson());
        File.WriteAllText(Path.Combine(folder, "README.md"), string.Create(CultureInfo.InvariantCulture,
            $"Live {kind.ToString().ToUpperInvariant()} echo (2 × 100 bytes) from the probe through Tayga 0.9.2 to the IPv4-only echo server, block {topology.Plan.Block}; before.pcap is the v6 bridge, after.pcap the v4 bridge (raw IP). Made by `NAT64H_UPDATE_GOLDEN=1 dotnet test --filter LiveGoldenTests`.\n"));
    }
}
