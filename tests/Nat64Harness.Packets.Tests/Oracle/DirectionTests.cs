using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// Which packet of a pair was the original comes from the captures (the original is captured first), not from
/// addresses: in a SIIT both IPv6 addresses are prefix-mapped, and "destination inside the prefix" says nothing.
/// </summary>
public sealed class DirectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> SiitPrefixes => new()
    {
        // prefix, IPv6 host A (192.0.2.33), IPv6 host B (198.51.100.2) — RFC 6052 §2.2 layouts
        { "2001:db8::/32", "2001:db8:c000:221::", "2001:db8:c633:6402::" },
        { "2001:db8:100::/40", "2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::" },         // u-octet splits the IPv4 address 3+1
        { "2001:db8:122::/48", "2001:db8:122:c000:2:2100::", "2001:db8:122:c633:64:200::" }, // 2+2
        { "2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::", "2001:db8:122:3c6:33:6402::" }, // 1+3
        { "2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0", "2001:db8:122:344:c6:3364:200:0" }, // 0+4 after the u-octet
        { "64:ff9b::/96", "64:ff9b::c000:221", "64:ff9b::c633:6402" },
    };

    private static CapturedPacket At(TestPacket packet, double microseconds, long index) =>
        new(index, T0.AddTicks((long)(microseconds * 10)), packet.Build(), 0, LinkTypes.Raw);

    private static TranslationContext Siit(string prefix) => new(Nat64Prefix.Parse(prefix), StaticAddressMapping.Empty);

    // SIIT: host A is IPv6-only (192.0.2.33 through the prefix), host B IPv4-only (198.51.100.2); both IPv6 addresses are mapped.
    private static (TestPacket V6, TestPacket V4) Request(string a6, string b6) => (
        new TestPacket { Source = a6, Destination = b6, HopLimit = 64, Upper = new UdpSpec(2000, 4000, TranslationPairs.Data) },
        new TestPacket { Source = "192.0.2.33", Destination = "198.51.100.2", HopLimit = 63, Upper = new UdpSpec(2000, 4000, TranslationPairs.Data) });

    private static (TestPacket V4, TestPacket V6) Reply(string a6, string b6) => (
        new TestPacket { Source = "198.51.100.2", Destination = "192.0.2.33", HopLimit = 64, Upper = new UdpSpec(4000, 2000, TranslationPairs.Data) },
        new TestPacket { Source = b6, Destination = a6, HopLimit = 63, Upper = new UdpSpec(4000, 2000, TranslationPairs.Data) });

    [Theory]
    [MemberData(nameof(SiitPrefixes))]
    public void Pair_SiitWithBothAddressesMapped_JudgedRightInBothDirections(string prefix, string a6, string b6)
    {
        // Given: the IPv6-side capture holds the request going in and the reply coming out, 100 µs before / after
        // their translations on the IPv4 side — as `verify before.pcap after.pcap` reads them
        var (req6, req4) = Request(a6, b6);
        var (rep4, rep6) = Reply(a6, b6);
        var v6Side = new[] { At(req6, 0, 0), At(rep6, 1100, 1) };
        var v4Side = new[] { At(req4, 100, 0), At(rep4, 1000, 1) };

        // When
        var events = new Pairer(Siit(prefix), TimeSpan.FromSeconds(1)).Pair(v6Side, v4Side).ToList();

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => e.Outcome == PairingOutcome.Paired && e.Ambiguity == null);
        events.Should().OnlyContain(e => e.Passed, string.Join("\n", events.Select(e => OracleTestHelper.Explain(e.Verdict!))));
        events.Select(e => e.Verdict!.Direction).Should().Equal(TranslationDirection.Ipv6ToIpv4, TranslationDirection.Ipv4ToIpv6);
        events[1].Before!.Value.Ip.Span[0].Should().Be(0x45, "the IPv4 reply was captured first, so it is the original");
    }

    [Fact]
    public void Pair_SameTimestampOnBothCaptures_DecidedByHopLimitAndReportedAmbiguous()
    {
        // Given: SIIT /40 reply whose two captures carry the same timestamp
        var (rep4, rep6) = Reply("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::");

        // When
        var events = new Pairer(Siit("2001:db8:100::/40"), TimeSpan.FromSeconds(1)).Pair([At(rep6, 0, 0)], [At(rep4, 0, 0)]).ToList();
        var report = PairingReport.Collect(events, "v6", "v4");

        // Then
        events.Should().ContainSingle().Which.Verdict!.Direction.Should().Be(TranslationDirection.Ipv4ToIpv6);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        events[0].Ambiguity.Should().Contain("same timestamp").And.Contain("hop limit (64 → 63)");
        report.AmbiguousDirections.Should().Be(1);
        report.ToText().Should().Contain("4→6?").And.Contain("? direction: same timestamp");
        JsonDocument.Parse(report.ToJson()).RootElement.GetProperty("rows")[0].GetProperty("directionAmbiguous").GetString().Should().Contain("hop limit");
    }

    [Fact]
    public void Pair_BothPacketsInOneCaptureWithSameTimestampAndEqualHopLimits_DecidedByRecordOrder()
    {
        // Given: one capture file holding both sides (a capture on the translator host), equal timestamps, and a
        // translator that did not decrement: neither time, hop limit nor SIIT addresses tell; the records' order does
        var (rep4, rep6) = Reply("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::");
        var oneFile = new[] { At(rep4, 0, 0), At(rep6 with { HopLimit = 64 }, 0, 1) };

        // When
        var events = new Pairer(Siit("2001:db8:100::/40"), TimeSpan.FromSeconds(1)).Pair(oneFile, []).ToList();

        // Then
        events.Should().ContainSingle().Which.Verdict!.Direction.Should().Be(TranslationDirection.Ipv4ToIpv6);
        events[0].Ambiguity.Should().Contain("record order");
        events[0].Verdict!.Failures.Select(f => f.Field).Should().Equal("ipv6.hop_limit");
    }

    [Fact]
    public void Pair_LonePacketWithBothAddressesMapped_IsLostWithItsDirectionMarkedUnknown()
    {
        // Given: a SIIT packet with no counterpart: the addresses fit both directions
        var (req6, _) = Request("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::");

        // When
        var events = new Pairer(Siit("2001:db8:100::/40"), TimeSpan.FromSeconds(1)).Pair([At(req6, 0, 0)], []).ToList();

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Lost);
        events[0].Ambiguity.Should().Contain("both directions");
    }

    [Fact]
    public void Pair_NatWithClientOutsideThePrefix_UnchangedByTheEvidenceRule()
    {
        // Given: the classic NAT64 layout, each original captured before its translation
        var (req6, req4) = TranslationPairs.Udp6To4();
        var (rep4, rep6) = TranslationPairs.Udp4To6();

        // When
        var events = new Pairer(TranslationPairs.Context(), TimeSpan.FromSeconds(1)).Pair([At(req6, 0, 0), At(rep6, 900, 1)], [At(req4, 100, 0), At(rep4, 800, 1)]).ToList();

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => e.Passed && e.Ambiguity == null);
    }

    [Fact]
    public void Pair_WrongPrefixWithLearningMapping_FailsOnTheServerAddressInsteadOfLearningIt()
    {
        // Given: an echo exchange through 64:ff9b::/96 judged with another prefix; only the client side may be learned
        var (req6, req4) = TranslationPairs.Udp6To4();
        var (rep4, rep6) = TranslationPairs.Udp4To6();
        var context = new TranslationContext(Nat64Prefix.Parse("2001:db8:100::/40"), new LearningAddressMapping());

        // When
        var events = new Pairer(context, TimeSpan.FromSeconds(1)).Pair([At(req6, 0, 0), At(rep6, 900, 1)], [At(req4, 100, 0), At(rep4, 800, 1)]).ToList();

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => !e.Passed);
        events[0].Verdict!.Failures.Select(f => f.Field).Should().Equal("ipv4.destination");
        events[1].Verdict!.Failures.Select(f => f.Field).Should().Equal("ipv6.source");
    }
}
