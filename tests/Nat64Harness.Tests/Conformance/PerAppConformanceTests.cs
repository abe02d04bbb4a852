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
/// The per-app suite against the reference VPN (containers/perapp-vpn, kind per-app-uid); plus what its kind must
/// show: only the app's uid goes through it, and bad input on its TUN is dropped and counted. Its known deviations
/// are the limits its README states.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "perapp")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerSecondLane.Name)]
[TestCaseOrderer(RunsLastOrderer.TypeName, RunsLastOrderer.AssemblyName)]
public sealed partial class PerAppConformanceTests(PerAppTopologyFixture fixture) : PerAppVpnConformanceTests(fixture), IClassFixture<PerAppTopologyFixture>
{
    /// <summary>This VPN's known deviations (static, so that a unit test can compare them across per-app VPNs).</summary>
    public static IReadOnlyList<KnownDeviation> Known { get; } =
    [
        new(PerAppScenarios.AppFragments("").Name, "timed out",
            "IPv6 fragments from the app are dropped (counted as Ipv6Fragment), never reassembled",
            "RFC 8200 §5: a node must accept a fragmented packet of up to 1500 bytes reassembled; §4.5"),
        new(PerAppScenarios.UdpClosedPort.Name, "no ICMPv6 port unreachable",
            "its UDP socket gets the NAT64's translated port unreachable, but it synthesises no ICMPv6 error toward the app: the app waits for its timeout",
            "RFC 4443 §3.1 (port unreachable), RFC 4890 §4.3.1 (Destination Unreachable must not be dropped)"),
        new(PerAppScenarios.IdleUdp.Name, "outer port must not change",
            "UDP sessions are reaped after 60 s idle; the next datagram opens a new session with a new outer port",
            "RFC 4787 REQ-5: a UDP mapping must not expire in less than 2 minutes"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyList<KnownDeviation> Deviations => Known;

    [SkippableFact]
    public async Task OtherUid_Traffic_BypassesTheVpn()
    {
        // Given an exchange by a uid the VPN does not steer
        var run = await Topology.RunAsync(ScenarioCatalog.AsOtherUid(PerAppVpn.OtherUid));

        // Then it reaches the echo server without a packet through the TUN
        var report = TunAudit.Inspect(run.TunPcap!, Facts.AppV6, 64);
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
        var vpn = Topology.Vpn!.Stack!;
        var before = await DropsAsync(vpn);
        var garbage = new[]
        {
            "6000000000",                                                        // truncated IPv6 header
            "60000000" + "0400" + "11" + "40" + new string('0', 64),             // payload length 1024, nothing follows
            "60000000" + "0008" + "fd" + "40" + new string('0', 64) + "0102030405060708", // unknown next header 253
            "00112233445566778899aabbccddeeff",                                  // no IP version at all
        };
        var inject = await Topology.Probe.RunAsync(["nat64h-probe", "inject", "--device", Facts.Device, .. garbage.SelectMany(g => new[] { "--hex", g })]);

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
        var json = await vpn.RunAsync(["cat", SessionCounter.StatsFile]);
        return JsonDocument.Parse(json).RootElement.GetProperty("drops").EnumerateObject().Sum(p => p.Value.GetInt64());
    }
}
