using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class PairerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static CapturedPacket At(TestPacket packet, double milliseconds, long index) =>
        new(index, T0.AddMilliseconds(milliseconds), packet.Build(), 0, LinkTypes.Raw);

    private static List<PairingEvent> Run(IEnumerable<CapturedPacket> before, IEnumerable<CapturedPacket> after, double windowSeconds = 1) =>
        new Pairer(TranslationPairs.Context(), TimeSpan.FromSeconds(windowSeconds)).Pair(before, after).ToList();

    [Fact]
    public void Pair_RequestAndReplyOnBothSides_PairsBothDirections()
    {
        // Given: the v6 capture holds the request going in and the reply coming out; the v4 capture the reverse
        var (req6, req4) = TranslationPairs.Udp6To4();
        var (rep4, rep6) = TranslationPairs.Udp4To6();
        var v6Side = new[] { At(req6, 0, 0), At(rep6, 10, 1) };
        var v4Side = new[] { At(req4, 1, 0), At(rep4, 9, 1) };

        // When
        var events = Run(v6Side, v4Side);

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => e.Outcome == PairingOutcome.Paired && e.Passed);
        events.Select(e => e.Verdict!.Direction).Should().Equal(TranslationDirection.Ipv6ToIpv4, TranslationDirection.Ipv4ToIpv6);
        events[1].Before!.Value.Ip.Span[0].Should().Be(0x45, "the v4 reply is the packet before translation");
    }

    [Fact]
    public void Pair_BadTranslation_IsPairedWithFailingVerdict()
    {
        // Given
        var (req6, req4) = TranslationPairs.Udp6To4();

        // When
        var events = Run([At(req6, 0, 0)], [At(req4 with { HopLimit = 64 }, 1, 0)]);

        // Then
        events.Should().ContainSingle().Which.Verdict!.Failures.Select(f => f.Field).Should().Equal("ipv4.ttl");
    }

    [Fact]
    public void Pair_NoTranslation_ReportsLost()
    {
        // Given
        var (req6, _) = TranslationPairs.Udp6To4();

        // When
        var events = Run([At(req6, 0, 0)], []);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Lost);
    }

    [Fact]
    public void Pair_TranslatedPacketWithNoOrigin_ReportsUnexplained()
    {
        // Given: a v6 packet from inside the prefix, with nothing on the v4 side
        var (_, rep6) = TranslationPairs.Udp4To6();

        // When
        var events = Run([At(rep6, 0, 0)], []);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Unexplained);
    }

    [Fact]
    public void Pair_TranslationSeenTwice_ReportsDuplicate()
    {
        // Given
        var (req6, req4) = TranslationPairs.Udp6To4();

        // When
        var events = Run([At(req6, 0, 0)], [At(req4, 1, 0), At(req4, 2, 1)]);

        // Then
        events.Select(e => e.Outcome).Should().Equal(PairingOutcome.Paired, PairingOutcome.Duplicated);
        events[1].After!.Value.Index.Should().Be(1);
    }

    [Fact]
    public void Pair_TranslationOutsideWindow_IsLostAndUnexplained()
    {
        // Given: the translation shows up 2 s later with a 1 s window
        var (req6, req4) = TranslationPairs.Udp6To4();

        // When
        var events = Run([At(req6, 0, 0)], [At(req4, 2000, 0)]);

        // Then
        events.Select(e => e.Outcome).Should().BeEquivalentTo([PairingOutcome.Lost, PairingOutcome.Unexplained]);
    }

    [Fact]
    public void Pair_SnapLengthCutPacket_IsUnjudgeable()
    {
        // Given
        var (req6, _) = TranslationPairs.Udp6To4();
        var bytes = req6.Build();
        var cut = new CapturedPacket(0, T0, bytes[..48], bytes.Length, LinkTypes.Raw) { IsTruncated = true };

        // When
        var events = Run([cut], []);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Unjudgeable);
        events[0].Verdict!.Failures.Single().Seen.Should().Contain("snap length");
    }

    [Fact]
    public void Pair_EndlessStreamOfLostPackets_EmitsAsTheWindowPasses()
    {
        // Given: an endless capture; if the pairer kept everything until the end, Take would never return
        var (req6, _) = TranslationPairs.Udp6To4();
        var bytes = req6.Build();
        IEnumerable<CapturedPacket> Endless()
        {
            for (long i = 0; ; i++)
            {
                yield return new CapturedPacket(i, T0.AddMilliseconds(i * 100), bytes, bytes.Length, LinkTypes.Raw);
            }
        }

        // When
        var first = new Pairer(TranslationPairs.Context(), TimeSpan.FromSeconds(1)).Pair(Endless(), []).Take(5).ToList();

        // Then
        first.Should().HaveCount(5).And.OnlyContain(e => e.Outcome == PairingOutcome.Lost);
        first.Select(e => e.Before!.Value.Index).Should().Equal(0, 1, 2, 3, 4);
    }

    [Fact]
    public void Report_MixedOutcomes_RendersTableAndJson()
    {
        // Given
        var (req6, req4) = TranslationPairs.Udp6To4();
        var (echo6, _) = TranslationPairs.Echo6To4();
        var events = Run([At(req6, 0, 0), At(echo6, 5, 1)], [At(req4 with { HopLimit = 64 }, 1, 0)]);

        // When
        var report = PairingReport.Collect(events, "v6.pcap", "v4.pcap");
        var text = report.ToText();
        using var json = JsonDocument.Parse(report.ToJson());

        // Then
        report.Conforms.Should().BeFalse();
        report.Failed.Should().Be(1);
        report.Lost.Should().Be(1);
        text.Should().Contain("FAIL").And.Contain("ipv4.ttl: expected 63; seen 64").And.Contain("LOST").And.Contain("DOES NOT CONFORM");
        json.RootElement.GetProperty("counts").GetProperty("lost").GetInt64().Should().Be(1);
        json.RootElement.GetProperty("rows")[0].GetProperty("checks")[0].GetProperty("field").GetString().Should().Be("ipv4.ttl");
    }
}
