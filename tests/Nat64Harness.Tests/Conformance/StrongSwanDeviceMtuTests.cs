using FluentAssertions;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// strongSwan with its device-mtu fault: ipsec0 and the ready line say 1420, libipsec carries 1400, and packets of
/// 1401–1420 bytes vanish without an ICMPv6 error. The declaration and the device agree, so only packets show the
/// lie: the DF sweep names it, and a transfer stalls.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "strongswan")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class StrongSwanDeviceMtuTests(StrongSwanDeviceMtuTopologyFixture fixture, ITestOutputHelper output) : IClassFixture<StrongSwanDeviceMtuTopologyFixture>
{
    private const int Claimed = 1420;
    private const int Carried = 1400;

    [SkippableTheory]
    [InlineData("icmp")]
    [InlineData("udp")]
    public async Task DfSweep_DeviceClaimsMoreThanTheTunnelCarries_FailsNamingBothSizes(string mode)
    {
        // Given the faulty tunnel; When the suite's sweep runs up to the declared MTU
        var topology = fixture.Topology;
        var sweep = await topology.SweepTunnelMtuAsync(mode);
        output.WriteLine(sweep.ToString());

        // Then the suite's assertion fails with the sizes: what the tunnel carries, what it claims
        var carries = () => TunnelAssertions.SweepCarriesDeclared(sweep, topology.Vpn!.TunnelMtu!.Value);
        carries.Should().Throw<Exception>().WithMessage($"*tunnel carries {Carried}, claims {Claimed}: packets of {Carried + 1}–{Claimed} bytes vanish without an ICMPv6 error*");
    }

    [SkippableFact]
    public async Task MtuReadBack_DeviceAgreesWithTheFalseDeclaration_SoOnlyPacketsCanTell()
    {
        // Given the fault's declaration (1420) and its device (1420): the read-back check has nothing to object to
        var topology = fixture.Topology;
        var report = await topology.CheckTunnelMtuAsync();
        output.WriteLine(report.ToString());

        TunnelAssertions.MtuAgrees(report, Claimed);
        topology.Vpn!.TunnelMtu.Should().Be(Claimed);
    }

    [SkippableFact]
    public async Task Transfer_ThroughTheBlackHole_Stalls()
    {
        // Given 1 MiB each way: full-size segments (MSS 1360, 1420-byte packets) are lost in the tunnel, both ways
        var run = await fixture.Topology.RunAsync(TunnelScenarios.StallingTransfer);

        // Then the transfer fails instead of completing, as a stall (no progress for the probe's stall time; the sweep
        // above names the sizes)
        output.WriteLine(run.Result.RawJson);
        run.Result.Ok.Should().BeFalse();
        run.Result.Error.Should().Contain("stalled: no progress");
    }
}
