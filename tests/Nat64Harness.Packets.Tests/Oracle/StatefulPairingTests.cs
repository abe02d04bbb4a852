using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;
using static Nat64Harness.Packets.Tests.Support.StatefulPairs;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class StatefulPairingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static CapturedPacket At(TestPacket packet, double milliseconds, long index) =>
        new(index, T0.AddMilliseconds(milliseconds), packet.Build(), 0, LinkTypes.Raw);

    private static List<PairingEvent> Run(TranslationContext context, IEnumerable<CapturedPacket> before, IEnumerable<CapturedPacket> after) =>
        new Pairer(context, TimeSpan.FromSeconds(1)).Pair(before, after).ToList();

    private static (CapturedPacket[] V6Side, CapturedPacket[] V4Side) UdpAndEchoExchange()
    {
        var (req6, req4) = Udp6To4();
        var (rep4, rep6) = Udp4To6();
        var (ping6, ping4) = Echo6To4();
        var (pong4, pong6) = EchoReply4To6();
        return (
            [At(req6, 0, 0), At(rep6, 10, 1), At(ping6, 20, 2), At(pong6, 30, 3)],
            [At(req4, 1, 0), At(rep4, 9, 1), At(ping4, 21, 2), At(pong4, 29, 3)]);
    }

    [Fact]
    public void Pair_StatefulFlowWithLearningContext_PairsEveryPacket()
    {
        // Given: client port and echo identifier rewritten by the translator, both directions on both sides
        var (v6Side, v4Side) = UdpAndEchoExchange();

        // When
        var events = Run(Learning(), v6Side, v4Side);
        var report = PairingReport.Collect(events, "v6", "v4");

        // Then
        events.Should().HaveCount(4).And.OnlyContain(e => e.Outcome == PairingOutcome.Paired, report.ToText());
        report.Conforms.Should().BeTrue(report.ToText());
        (report.Lost, report.Unexplained).Should().Be((0, 0));
    }

    [Fact]
    public void Pair_StatefulFlowWithStatelessDefault_ReportsLostAndUnexplained()
    {
        // Given: the same captures judged as if the translator copied ports
        var (v6Side, v4Side) = UdpAndEchoExchange();

        // When
        var report = PairingReport.Collect(Run(TranslationPairs.Context(), v6Side, v4Side), "v6", "v4");

        // Then
        report.Conforms.Should().BeFalse();
        report.Lost.Should().BeGreaterThan(0, report.ToText());
        report.Unexplained.Should().BeGreaterThan(0, report.ToText());
        report.Passed.Should().Be(0);
    }

    [Fact]
    public void Pair_ReplyPortNotTranslatedBack_PairsWithFailingDestinationPort()
    {
        // Given
        var (req6, req4) = Udp6To4();
        var (rep4, badRep6) = Udp4To6(clientPort: PoolPort);

        // When
        var events = Run(Learning(), [At(req6, 0, 0), At(badRep6, 10, 1)], [At(req4, 1, 0), At(rep4, 9, 1)]);

        // Then
        events.Select(e => e.Outcome).Should().Equal(PairingOutcome.Paired, PairingOutcome.Paired);
        events[0].Passed.Should().BeTrue();
        events[1].Verdict!.Failures.Select(f => f.Field).Should().Equal("udp.destination_port");
    }

    [Fact]
    public void Pair_TwoFlowsSamePayload_PairByServerPortAndContent()
    {
        // Given: two client ports mapped to two pool ports, same payload, different server ports
        var (a6, a4) = Udp6To4();
        var b6 = a6 with { Upper = new UdpSpec(40200, 9, TranslationPairs.Data) };
        var b4 = a4 with { Upper = new UdpSpec(61300, 9, TranslationPairs.Data) };

        // When: the translations come out in the opposite order
        var events = Run(Learning(), [At(a6, 0, 0), At(b6, 1, 1)], [At(b4, 2, 0), At(a4, 3, 1)]);

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => e.Outcome == PairingOutcome.Paired && e.Passed);
    }
}
