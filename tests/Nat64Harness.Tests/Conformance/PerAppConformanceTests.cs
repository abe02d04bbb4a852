using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The conformance suite, unchanged, against the reference per-app VPN; plus what only a per-app VPN must show:
/// the responses it builds are right, only the app's uid goes through it, and bad input does not stop it.
/// </summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed partial class PerAppConformanceTests(PerAppTopologyFixture fixture) : Nat64ConformanceTests(fixture), IClassFixture<PerAppTopologyFixture>
{
    /// <inheritdoc />
    protected override LargeDatagramOutcome ExpectedLargeDatagramOutcome => LargeDatagramOutcome.Whole;

    [SkippableTheory]
    [InlineData(ExchangeKind.Tcp, 0)]    // handshake, data, FIN: segments the VPN builds
    [InlineData(ExchangeKind.Udp, 0)]    // datagrams it builds
    [InlineData(ExchangeKind.Icmp, 200)] // echo replies, from a request with an unusual hop limit a copy would betray
    public async Task Responses_WrittenIntoTun_AreBuiltAsTheRfcsDemand(ExchangeKind kind, int hopLimit)
    {
        // Given an exchange of the app through the VPN, with the TUN captured in its namespace
        var run = await Topology.RunAsync(ScenarioCatalog.TunResponses(kind, hopLimit));

        // When the packets the VPN wrote are audited
        var report = TunAudit.Inspect(run.TunPcap!, Topology.Plan.TunnelClientV6, hopLimit == 0 ? 64 : hopLimit);

        // Then there are some, and every one is right
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            report.Responses.Should().BeGreaterThan(0, "the app's traffic must go through the VPN");
            report.Violations.Should().BeEmpty(report.ToString());
        });
    }

    [SkippableFact]
    public async Task OtherUid_Traffic_BypassesTheVpn()
    {
        // Given an exchange by a uid the VPN does not steer
        var run = await Topology.RunAsync(ScenarioCatalog.AsOtherUid(PerAppVpn.OtherUid));

        // Then it reaches the echo server without a packet through the TUN
        var report = TunAudit.Inspect(run.TunPcap!, Topology.Plan.TunnelClientV6, 64);
        CaptureEvidence.Assert(run, () =>
        {
            run.Result.Ok.Should().BeTrue(run.Result.Error);
            report.Responses.Should().Be(0, "only the app's uid is routed into the TUN");
        });
    }

    [SkippableFact]
    public async Task BadInput_OnTun_IsDroppedAndCounted_AndNextFlowIsServed()
    {
        // Given malformed packets written into the VPN's TUN as if the app had sent them
        var vpn = (HarnessContainer)Topology.Vpn!.Client;
        var before = await DropsAsync(vpn);
        var garbage = new[]
        {
            "6000000000",                                                        // truncated IPv6 header
            "60000000" + "0400" + "11" + "40" + new string('0', 64),             // payload length 1024, nothing follows
            "60000000" + "0008" + "fd" + "40" + new string('0', 64) + "0102030405060708", // unknown next header 253
            "00112233445566778899aabbccddeeff",                                  // no IP version at all
        };
        var inject = await Topology.Probe.RunAsync(["nat64h-probe", "inject", "--device", PerAppVpn.TunDevice, .. garbage.SelectMany(g => new[] { "--hex", g })]);

        // When the VPN's counters are read (written every 2 s) and the next flow runs
        var after = before;
        for (var i = 0; i < 40 && after - before < garbage.Length; i++)
        {
            await Task.Delay(250);
            after = await DropsAsync(vpn);
        }

        var next = await Topology.RunAsync(ScenarioCatalog.StillServed);

        // Then each packet was dropped and counted, and the VPN still serves
        inject.Should().Contain("\"sent\": 4");
        (after - before).Should().BeGreaterThanOrEqualTo(garbage.Length, "every malformed packet is counted as a drop");
        next.Result.Ok.Should().BeTrue(next.Result.Error);
    }

    private static async Task<long> DropsAsync(HarnessContainer vpn)
    {
        var json = await vpn.RunAsync(["cat", "/run/nat64h/vpn-stats.json"]);
        return JsonDocument.Parse(json).RootElement.GetProperty("drops").EnumerateObject().Sum(p => p.Value.GetInt64());
    }
}
