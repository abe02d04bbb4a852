using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The DF sweep's result as the probe prints it (lines measured through strongSwan, block 211) and its verdict.</summary>
[Trait("Category", "Unit")]
public sealed class MtuSweepTests
{
    // ipsec0 raised to 1420 on both ends while libipsec carries 1400 (what the device-mtu fault does).
    private const string BlackHole = """{"kind": "mtu-sweep", "mode": "icmp", "target": "64:ff9b::6440:d30a", "claimed": 1420, "low": 1280, "high": 1420, "probes": [{"size": 1280, "outcome": "answered", "tries": 1, "ok": true}, {"size": 1420, "outcome": "timeout", "tries": 3, "error": "no answer in 3 tries", "ok": false}, {"size": 1350, "outcome": "answered", "tries": 1, "ok": true}, {"size": 1402, "outcome": "timeout", "tries": 3, "error": "no answer in 3 tries", "ok": false}, {"size": 1400, "outcome": "answered", "tries": 1, "ok": true}, {"size": 1401, "outcome": "timeout", "tries": 3, "error": "no answer in 3 tries", "ok": false}, {"size": 1421, "outcome": "refused", "error": "refused locally: Message too long", "tries": 1, "ok": false}], "largest": 1400, "elapsed_ms": 9044.075, "ok": false, "error": "tunnel carries 1400, claims 1420"}""";

    private const string Whole = """{"kind": "mtu-sweep", "mode": "udp", "target": "64:ff9b::6440:d30a", "claimed": 1400, "low": 1280, "high": 1400, "probes": [{"size": 1280, "outcome": "answered", "tries": 1, "ok": true}, {"size": 1400, "outcome": "answered", "tries": 1, "ok": true}, {"size": 1401, "outcome": "refused", "error": "refused locally: Message too long", "tries": 1, "ok": false}], "largest": 1400, "elapsed_ms": 3.178, "ok": true}""";

    [Fact]
    public void Failure_BlackHole_NamesWhatIsCarriedAndWhatIsClaimed()
    {
        var sweep = MtuSweep.Parse(BlackHole);

        sweep.Largest.Should().Be(1400);
        sweep.Failure(1420).Should().StartWith("tunnel carries 1400, claims 1420: packets of 1401–1420 bytes vanish without an ICMPv6 error")
            .And.Contain("first lost: 1401 B: timeout (no answer in 3 tries), 3 tries");
    }

    [Fact]
    public void Failure_WholePathAtTheDeclaration_IsNone()
    {
        MtuSweep.Parse(Whole).Failure(1400).Should().BeNull();
    }

    [Fact]
    public void Failure_KernelClaimingMoreThanTheDeclaration_SaysWhatIsUntested()
    {
        MtuSweep.Parse(Whole.Replace("\"claimed\": 1400", "\"claimed\": 1420", StringComparison.Ordinal)).Failure(1400)
            .Should().Be("the kernel's MTU toward 64:ff9b::6440:d30a is 1420, the declaration 1400: packets of 1401–1420 bytes are sent into the tunnel untested");
    }

    [Fact]
    public void Failure_NothingCarried_SaysSo()
    {
        var sweep = MtuSweep.Parse(Whole.Replace("\"largest\": 1400", "\"largest\": null", StringComparison.Ordinal));

        sweep.Failure(1400).Should().StartWith("udp sweep toward 64:ff9b::6440:d30a: not even 1280 bytes carried");
    }

    [Fact]
    public void Parse_CrashReport_FailsWithTheProbesWords()
    {
        var parse = () => MtuSweep.Parse("""{"kind": "mtu-sweep", "target": "x", "ok": false, "error": "probe crashed: PermissionError: [Errno 1]"}""");

        parse.Should().Throw<JsonException>().WithMessage("*did not sweep: probe crashed: PermissionError*");
    }
}
